package io.bpf4j.loader.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** LINUX_KERNEL_VERSION from uname, with the distribution quirks libbpf knows (its examples). */
class LinuxKernelVersionTest {
    @Test
    void ubuntusSignatureHasTheUpstreamVersion() {
        assertEquals(LinuxKernelVersion.code(5, 4, 8), LinuxKernelVersion.of("Ubuntu 5.4.0-12.15-generic 5.4.8\n",
                "5.4.0-12-generic", "#13-Ubuntu SMP Tue Dec 17 15:29:46 UTC 2019"));
    }

    @Test
    void debiansUnameVersionHasTheUpstreamVersion() {
        assertEquals(LinuxKernelVersion.code(4, 19, 260), LinuxKernelVersion.of("", "4.19.0-22-amd64",
                "#1 SMP Debian 4.19.260-1 (2022-09-29)"));
        assertEquals(LinuxKernelVersion.code(6, 12, 117), LinuxKernelVersion.of("", "6.12.117+deb13-amd64",
                "#1 SMP PREEMPT_DYNAMIC Debian 6.12.117-1 (2025-11-01)"));
    }

    @Test
    void otherwiseTheRelease() {
        assertEquals(0x06122c, LinuxKernelVersion.of("", "6.18.44-fc-v782", "#1 SMP PREEMPT_DYNAMIC @0"));
        assertEquals(0, LinuxKernelVersion.of("", "garbage", ""));
    }

    @Test
    void thePatchLevelSaturatesAt255AsInLibbpf() {
        assertEquals((4 << 16) + (9 << 8) + 255, LinuxKernelVersion.of("", "4.9.337", ""));
    }
}
