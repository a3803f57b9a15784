/**
 * JUnit 5 support for tests that load real BPF programs: into the running
 * kernel, inside containers (Testcontainers), and inside QEMU VMs booted with
 * other kernels. See the package {@code io.bpf4j.testkit} for a tutorial.
 */
module io.bpf4j.testkit {
    requires transitive io.bpf4j.loader;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.launcher;
    requires io.bpf4j.headers;
    requires awaitility;
    requires testcontainers;
    requires com.github.dockerjava.api;

    exports io.bpf4j.testkit;
    // JUnit instantiates the extensions behind the annotations reflectively.
    exports io.bpf4j.testkit.internal to org.junit.platform.commons;
    opens io.bpf4j.testkit.internal to org.junit.platform.commons;
}
