/**
 * JUnit 5 support for tests that load real BPF programs into the running
 * kernel: objects opened from the class path and closed after each test,
 * assumptions that skip (with the reason) where the kernel lacks a feature,
 * and Awaitility conditions on maps and global variables.
 *
 * <p>This is the first slice of the testkit; containers and VMs booted with
 * other kernels come with the testkit issue.
 */
module io.bpf4j.testkit {
    requires transitive io.bpf4j.loader;
    requires transitive org.junit.jupiter.api;
    requires awaitility;

    exports io.bpf4j.testkit;
}
