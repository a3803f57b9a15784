package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.TestRunResult;
import org.junit.jupiter.api.Test;

/** Global variables: initial values before load, live values through the mmap after it. */
class GlobalsTest {
    private static final byte[] RAW_TP_ARGS = new byte[8];

    @Test
    void rodataSetBeforeLoadBssReadAfterRunDataWrittenLive() {
        try (BpfObject obj = BpfObject.openResource(GlobalsTest.class, "/META-INF/bpf/globals.bpf.o")) {
            assertEquals(1L, obj.rodata().getLong("step"), "initial value from the ELF");
            assertEquals(1000L, obj.data().getLong("bias"));
            assertEquals(7, obj.globals(".data.custom").getInt("custom_hits"));
            obj.rodata().setLong("step", 5);
            obj.load();
            assertTrue(obj.bss().isLive());

            BpfProgram count = obj.program("count");
            TestRunResult first = count.testRun(null, RAW_TP_ARGS);
            assertEquals(1001, first.retval(), "bias + runs");
            count.testRun(null, RAW_TP_ARGS);
            count.testRun(null, RAW_TP_ARGS);
            assertEquals(3L, obj.bss().getLong("runs"), "counted by the program, read through the mmap");
            assertEquals(15L, obj.bss().getLong("total"), "the .rodata step set before load was used");
            assertEquals(10, obj.globals(".data.custom").getInt("custom_hits"));

            obj.data().setLong("bias", 50);
            assertEquals(54, count.testRun(null, RAW_TP_ARGS).retval(), "the program sees the live write");

            assertEquals(5L, obj.rodata().getLong("step"), ".rodata stays readable");
            assertThrows(IllegalStateException.class, () -> obj.rodata().setLong("step", 6));
            BpfException frozen = assertThrows(BpfException.class,
                    () -> obj.map(".rodata").update(new byte[4], new byte[obj.map(".rodata").valueSize()]));
            assertEquals("EPERM", frozen.errnoName(), "the kernel froze .rodata");
        }
    }

    @Test
    void typedAccessChecksNamesAndSizes() {
        try (BpfObject obj = BpfObject.openResource(GlobalsTest.class, "/META-INF/bpf/globals.bpf.o")) {
            assertThrows(java.util.NoSuchElementException.class, () -> obj.bss().getLong("nope"));
            assertThrows(IllegalArgumentException.class, () -> obj.bss().getInt("runs"));
            assertEquals(".rodata", obj.rodata().variable("step").section());
            assertEquals(8, obj.rodata().variable("step").size());
        }
    }
}
