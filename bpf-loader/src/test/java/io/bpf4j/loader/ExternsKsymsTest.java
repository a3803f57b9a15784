package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.syscall.BpfException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code __ksym} variables against this kernel: untyped ones by their kallsyms address, typed
 * ones by BTF id (the verifier then looks their address up in kallsyms itself), weak ones the
 * kernel lacks reading 0.
 */
class ExternsKsymsTest {
    private static final String OBJECT = "/META-INF/bpf/externs_ksyms.bpf.o";
    private static final byte[] RAW_TP_ARGS = new byte[8];

    @Test
    void untypedKsymIsItsKallsymsAddressAndWeakAbsentOnesAreZero() {
        Set<Long> expected = KernelFacts.kallsyms("vfs_read");
        assumeTrue(expected.size() == 1 && !expected.contains(0L), "/proc/kallsyms shows no address of vfs_read: "
                + expected);
        try (BpfObject obj = BpfObject.openResource(ExternsKsymsTest.class, OBJECT)) {
            obj.program("read_typed").setAutoLoad(false);
            obj.load();
            obj.program("read_untyped").testRun(null, RAW_TP_ARGS);
            assertEquals(expected.iterator().next(), obj.data().getLong("vfs_read_address"));
            assertEquals(0, obj.data().getLong("no_such_symbol_address"), "a weak untyped ksym nobody has");
            assertEquals(0, obj.data().getLong("no_such_variable_exists"), "bpf_ksym_exists of a weak typed one");
        }
    }

    @Test
    void typedKsymsAreReferencedByTheirBtfId() {
        try (BpfObject obj = BpfObject.openResource(ExternsKsymsTest.class, OBJECT)) {
            obj.program("read_untyped").setAutoLoad(false);
            if (KernelFacts.kallsyms("runqueues").isEmpty()) {
                // The kernel resolves BTF_ID ld_imm64s through kallsyms, which lists variables only with
                // CONFIG_KALLSYMS_ALL. That the verifier names 'runqueues' shows the BTF id was right.
                BpfException e = assertThrows(BpfException.class, obj::load);
                assertTrue(e.log().orElse("").contains("kernel symbol 'runqueues'"), e.log().orElse(e.getMessage()));
                assumeTrue(false, "this kernel lacks CONFIG_KALLSYMS_ALL: typed ksyms cannot load here (the verifier"
                        + " found the BTF id but no address); bpf4j-integration-tests' ExternsAcrossKernelsTest runs"
                        + " them in the VMs");
            }
            obj.load();
            obj.program("read_typed").testRun(null, RAW_TP_ARGS);
            assertEquals(0, obj.data().getLong("rq_cpu0"), "runqueues of CPU 0 says cpu 0");
            if (Runtime.getRuntime().availableProcessors() > 1) {
                assertEquals(1, obj.data().getLong("rq_cpu1"), "runqueues of CPU 1 says cpu 1");
            }
            assertNotEquals(-1, obj.data().getLong("prog_active"), "bpf_prog_active read through bpf_this_cpu_ptr");
        }
    }
}
