package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.ProgLoadFlags;
import io.bpf4j.syscall.ProgramType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kfunc calls against this kernel, from a BPF_PROG_TYPE_SYSCALL program run with
 * BPF_PROG_TEST_RUN: present ones by BTF id, weak absent ones poisoned and, behind
 * {@code bpf_ksym_exists()}, removed as dead code; the errors name the extern, program and object.
 */
class ExternsKfuncsTest {
    private static final String OBJECT = "/META-INF/bpf/externs_kfuncs.bpf.o";
    /** {@code BPF_JMP | BPF_CALL} and {@code BPF_PSEUDO_KFUNC_CALL} (UAPI linux/bpf.h). */
    private static final int CALL = 0x85;
    private static final int PSEUDO_KFUNC_CALL = 2;

    /** What libbpf's SEC("syscall") means: BPF_PROG_TYPE_SYSCALL, which must be sleepable. */
    private static void syscall(BpfProgram program) {
        program.setType(ProgramType.SYSCALL);
        program.setFlags(ProgLoadFlags.BPF_F_SLEEPABLE);
    }

    @Test
    void kfuncsAreCalledAndWeakAbsentOnesAreDeadCode() {
        try (BpfObject obj = BpfObject.openResource(ExternsKfuncsTest.class, OBJECT)) {
            syscall(obj.program("call_kfuncs"));
            syscall(obj.program("call_absent_kfunc"));
            obj.load();
            int pid = (int) ProcessHandle.current().pid();
            obj.bss().setInt("pid_in", pid);
            obj.program("call_kfuncs").testRun(null, null);
            assertEquals(pid, obj.data().getLong("found_tgid"), "bpf_task_from_pid found this process");
            assertEquals(1, obj.data().getLong("present_exists"), "bpf_ksym_exists(bpf_task_acquire)");
            assertEquals(0, obj.data().getLong("absent_exists"), "bpf_ksym_exists(bpf4j_no_such_kfunc)");
            assertEquals(0, obj.bss().getLong("absent_called"));
            ByteBuffer xlated = ByteBuffer.wrap(Bpf.system().progXlatedInsns(obj.program("call_kfuncs").fd()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int kfuncCalls = 0;
            for (int at = 0; at + 8 <= xlated.limit(); at += 8) {
                if ((xlated.get(at) & 0xff) == CALL && ((xlated.get(at + 1) >> 4) & 0xf) == PSEUDO_KFUNC_CALL) {
                    kfuncCalls++;
                }
            }
            assertTrue(kfuncCalls >= 2, "the verifier kept the kfunc calls: " + kfuncCalls);
        }
    }

    @Test
    void aReachableCallOfAnAbsentWeakKfuncIsRefusedWithItsName() {
        Map<Integer, String> before = OpenFds.bpfObjects();
        try (BpfObject obj = BpfObject.openResource(ExternsKfuncsTest.class, OBJECT)) {
            syscall(obj.program("call_kfuncs"));
            syscall(obj.program("call_absent_kfunc"));
            obj.program("call_absent_kfunc").setAutoLoad(true);
            BpfException e = assertThrows(BpfException.class, obj::load);
            // libbpf's poison (a call of helper 2002000000 + the extern's index) reached: the log's line
            // for it says what was missing instead.
            assertTrue(e.getMessage().contains("weak kfunc 'bpf4j_no_such_kfunc' not found in the kernel (searched"
                    + " vmlinux"), e.getMessage());
            assertTrue(e.log().orElse("").contains("weak kfunc 'bpf4j_no_such_kfunc' not found"), e.log().orElse(""));
        }
        assertEquals(before, OpenFds.bpfObjects(), "nothing leaked");
    }

    @Test
    void aKfuncWhosePrototypeDiffersFromTheKernelsIsRefused() {
        Map<Integer, String> before = OpenFds.bpfObjects();
        try (BpfObject obj = BpfObject.openResource(ExternsKfuncsTest.class, "/META-INF/bpf/externs_bad_kfunc.bpf.o")) {
            syscall(obj.program("wrong_prototype"));
            ExternResolutionException e = assertThrows(ExternResolutionException.class, obj::load);
            assertEquals("bpf_task_from_pid", e.externName());
            assertEquals("wrong_prototype", e.programName().orElseThrow());
            assertEquals("externs_bad_kfunc", e.objectName());
            assertTrue(e.getMessage().contains("prototype incompatible with vmlinux"), e.getMessage());
        }
        assertEquals(before, OpenFds.bpfObjects(), "nothing leaked");
    }

    @Test
    void aStrongKfuncTheKernelLacksIsRefused() {
        Map<Integer, String> before = OpenFds.bpfObjects();
        try (BpfObject obj = BpfObject.openResource(ExternsKfuncsTest.class,
                "/META-INF/bpf/externs_missing_kfunc.bpf.o")) {
            syscall(obj.program("calls_missing"));
            ExternResolutionException e = assertThrows(ExternResolutionException.class, obj::load);
            assertEquals("bpf4j_no_such_kfunc", e.externName());
            assertEquals("calls_missing", e.programName().orElseThrow());
            assertTrue(e.getMessage().contains("not found in the kernel's BTF"), e.getMessage());
            assertTrue(e.getMessage().contains("externs_missing_kfunc"), e.getMessage());
        }
        assertEquals(before, OpenFds.bpfObjects(), "nothing leaked");
    }
}
