/**
 * Runnable tools re-making libbpf-bootstrap's applications with bpf4j: each
 * keeps its BPF C program in {@code src/main/bpf} (compiled by
 * bpf4j-maven-plugin) and its user space in plain Java.
 */
module io.bpf4j.examples {
    requires io.bpf4j.loader;
    requires info.picocli;

    opens io.bpf4j.examples.bootstrap to info.picocli;
}
