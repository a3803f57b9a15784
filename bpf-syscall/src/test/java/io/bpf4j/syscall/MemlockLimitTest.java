package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link MemlockLimit} on the running kernel; loads under the default limit of kernels before
 * 5.11 are in bpf4j-integration-tests' MemlockLimitTest, in the testkit's VMs.
 */
class MemlockLimitTest {

    @Test
    void memcgAccountingFollowsTheKernelVersion() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        assertEquals(major > 5 || (major == 5 && minor >= 11), MemlockLimit.kernelChargesMemcg(),
                "BPF memory is charged to memory cgroups from 5.11, " + System.getProperty("os.version"));
    }

    @Test
    void theProbeProgramLoadsOnAMemcgKernel() {
        assumeTrue(MemlockLimit.releaseAtLeast511(System.getProperty("os.version")),
                "the probe's helper arrived in 5.11; this kernel is " + System.getProperty("os.version"));
        assertTrue(MemlockLimit.probeLoads(), "socket filter calling bpf_ktime_get_coarse_ns");
    }

    @Test
    void releasesFrom511OnAreMemcgKernels() {
        assertEquals(true, MemlockLimit.releaseAtLeast511("5.11.0"));
        assertEquals(true, MemlockLimit.releaseAtLeast511("6.1.0-50-amd64"));
        assertEquals(false, MemlockLimit.releaseAtLeast511("5.10.0-32-amd64"));
        assertEquals(false, MemlockLimit.releaseAtLeast511("4.18.0-553.el8_10.x86_64"));
        assertEquals(false, MemlockLimit.releaseAtLeast511("weird"));
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
