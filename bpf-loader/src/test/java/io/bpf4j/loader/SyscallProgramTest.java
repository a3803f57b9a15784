package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.syscall.TestRunResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** {@code SEC("syscall")}: loaded sleepable, run with the caller's context, never attached. */
class SyscallProgramTest {

    @Test
    void runsWithTheGivenContextAndRefusesToAttach() {
        try (BpfObject obj = BpfObject.openResource(SyscallProgramTest.class, "/META-INF/bpf/syscall_prog.bpf.o")) {
            BpfProgram add = obj.program("add");
            assertEquals(ProgramType.SYSCALL, add.type());
            assertFalse(add.autoAttach());
            obj.load();
            byte[] ctx = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(20).putLong(22).array();
            TestRunResult run = add.testRun(null, ctx);
            assertEquals(40, run.retval());
            assertEquals(42L, obj.bss().getLong("sum"));
            assertTrue(obj.attachAll().isEmpty());
            AttachException e = assertThrows(AttachException.class, add::attach);
            assertTrue(e.getMessage().contains("testRun"), e.getMessage());
        }
    }
}
