package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link MemlockLimit} on the running kernel; loads under the default limit of kernels before
 * 5.11 are in bpf4j-integration-tests' MemlockLimitTest, in the testkit's VMs.
 */
class MemlockLimitTest {

    @Test
    void memcgAccountingIsProbedAsTheKernelVersionSays() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        assertEquals(major > 5 || (major == 5 && minor >= 11), MemlockLimit.kernelChargesMemcg(),
                "BPF memory is charged to memory cgroups from 5.11, " + System.getProperty("os.version"));
    }

    @Test
    void theLimitToRaiseToIsFixedOnceChecked() {
        MemlockLimit.kernelChargesMemcg();
        assertThrows(IllegalStateException.class, () -> MemlockLimit.raiseTo(1 << 20));
    }

    @Test
    void readsTheLimitGetrlimitReports() throws Exception {
        MemlockLimit.Limit limit = MemlockLimit.current();
        String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max locked memory")).findFirst().orElseThrow();
        String[] fields = line.substring("Max locked memory".length()).trim().split("\\s+");
        assertEquals(fields[0].equals("unlimited") ? MemlockLimit.UNLIMITED : Long.parseLong(fields[0]), limit.soft());
        assertEquals(fields[1].equals("unlimited") ? MemlockLimit.UNLIMITED : Long.parseLong(fields[1]), limit.hard());
    }
}
