package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.KprobeMultiOptions;
import io.bpf4j.attach.plugins.KprobeOptions;
import io.bpf4j.attach.plugins.TrampolineOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.KernelAssumptions;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.RequiresFeature;
import io.bpf4j.testkit.RequiresKernel;
import io.bpf4j.testkit.Triggers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * BPF cookies of kprobes (perf links, 5.15), multi-kprobes and fentry (tracing links, 5.19),
 * given through the plugins' options and read back with bpf_get_attach_cookie(); and the
 * sleepable fentry.s and lsm.s sections, whose programs call bpf_copy_from_user on a string in
 * this process's memory. This host has no kprobes and refuses trampolines: the tests run in
 * the VMs (see KernelHooksTest) and skip here with the reason.
 */
@BpfTest
class SleepableAndCookieHooksTest {
    private static final String OBJECT = "/META-INF/bpf/kernel_cookies_sleepable.bpf.o";
    private static final int CALLS = 3;
    private static final byte[] TEXT = "bpf4j-sleepy-vm\0".getBytes(StandardCharsets.US_ASCII);

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("5.15")
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void kprobeCookie(@BpfObjectResource(OBJECT) BpfObject obj, @TempDir Path dir) {
        KernelAssumptions.assumeKprobes();
        Fixtures.loadForThisProcess(obj, "kprobe_with_cookie");
        try (Link link = obj.program("kprobe_with_cookie").attach(new KprobeOptions("vfs_unlink", 0, false, 0x1234_5678_9abcL,
                false))) {
            Triggers.unlinkFiles(dir, CALLS);
            assertEquals(CALLS, obj.bss().getLong("kprobe_hits"));
            assertEquals(0x1234_5678_9abcL, obj.bss().getLong("kprobe_cookie"));
        }
    }

    /** Multi-kprobes are tested from 6.12 on, as in KernelHooksTest. */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("6.12")
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void kprobeMultiCookie(@BpfObjectResource(OBJECT) BpfObject obj, @TempDir Path dir) {
        KernelAssumptions.assumeKprobes();
        Fixtures.loadForThisProcess(obj, "kprobe_multi_with_cookie");
        try (Link link = obj.program("kprobe_multi_with_cookie").attach(
                new KprobeMultiOptions(null, List.of("vfs_unlink"), false, List.of(-5L)))) {
            Triggers.unlinkFiles(dir, CALLS);
            assertEquals(CALLS, obj.bss().getLong("multi_hits"));
            assertEquals(-5L, obj.bss().getLong("multi_cookie"));
        }
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresKernel("5.19")
    @RequiresFeature(programTypes = ProgramType.TRACING)
    void fentryCookie(@BpfObjectResource(OBJECT) BpfObject obj, @TempDir Path dir) {
        Fixtures.loadForThisProcess(obj, "fentry_with_cookie");
        try (Link link = obj.program("fentry_with_cookie").attach(TrampolineOptions.cookie(77))) {
            assertTrue(link.description().contains("cookie 77"), link.description());
            Triggers.unlinkFiles(dir, CALLS);
            assertEquals(CALLS, obj.bss().getLong("fentry_hits"));
            assertEquals(77, obj.bss().getLong("fentry_cookie"));
        }
    }

    /**
     * fentry.s on bpf_fentry_test1, which the kernel lets sleepable programs trace (Debian's
     * kernels have no error injection, the other way to a sleepable target); the test run of an
     * unattached fentry program calls it. Kernels that refuse the target skip with the
     * verifier's reason.
     */
    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.TRACING)
    void sleepableFentryCopiesFromUser(@BpfObjectResource(OBJECT) BpfObject obj) {
        try {
            Fixtures.loadForThisProcess(obj, "sleepable_fentry", "test_run_trigger");
        } catch (BpfException e) {
            assumeFalse(e.log().orElse("").contains("is not sleepable"), "this kernel has no sleepable fentry target"
                    + " bpf4j can trigger: " + e.getMessage());
            throw e;
        }
        Memory text = textInMemory();
        List<Link> links = List.of(obj.program("sleepable_fentry").attach());
        try {
            obj.bss().setLong("user_addr", Pointer.nativeValue(text));
            for (int i = 0; i < CALLS; i++) {
                obj.program("test_run_trigger").testRun(null, null);
            }
            assertEquals(CALLS, obj.bss().getLong("fentry_s_hits"));
            assertEquals(0, obj.bss().getLong("fentry_s_err"), "bpf_copy_from_user returned 0");
            assertArrayEquals(TEXT, obj.bss().getBytes("fentry_s_text"));
        } finally {
            links.forEach(Link::close);
            java.lang.ref.Reference.reachabilityFence(text);
        }
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.LSM)
    void sleepableLsmCopiesFromUser(@BpfObjectResource(OBJECT) BpfObject obj, @TempDir Path dir) throws IOException {
        try {
            Fixtures.loadForThisProcess(obj, "sleepable_file_open");
        } catch (BpfException e) {
            // 5.10's list of sleepable LSM hooks does not have file_open yet.
            assumeFalse(e.log().orElse("").contains("is not sleepable"), "this kernel's file_open LSM hook is not"
                    + " sleepable: " + e.getMessage());
            throw e;
        }
        Memory text = textInMemory();
        Path file = Files.writeString(dir.resolve("read-me"), "bpf4j");
        List<Link> links = obj.attachAll();
        try {
            obj.bss().setLong("user_addr", Pointer.nativeValue(text));
            for (int i = 0; i < CALLS; i++) {
                Triggers.read(file);
            }
            assertTrue(obj.bss().getLong("lsm_s_hits") >= CALLS, "hits " + obj.bss().getLong("lsm_s_hits"));
            assertEquals(0, obj.bss().getLong("lsm_s_err"), "bpf_copy_from_user returned 0");
            assertArrayEquals(TEXT, obj.bss().getBytes("lsm_s_text"));
        } finally {
            links.forEach(Link::close);
            java.lang.ref.Reference.reachabilityFence(text);
        }
    }

    /** {@return the 16 bytes of TEXT in native memory of this process, for the programs to copy} */
    private static Memory textInMemory() {
        Memory memory = new Memory(TEXT.length);
        memory.write(0, TEXT, 0, TEXT.length);
        return memory;
    }
}
