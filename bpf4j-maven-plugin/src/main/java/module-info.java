/**
 * The bpf4j Maven plugin: goals {@code bpf4j:compile} and {@code bpf4j:test-compile} compile
 * {@code src/main/bpf} and {@code src/test/bpf} with clang into class-path BPF objects.
 *
 * <p>Maven loads plugins on the class path, so this descriptor matters for compilation and for
 * users of the module path only; the mojos' package is exported because Maven instantiates them.
 */
module io.bpf4j.maven {
    requires io.bpf4j.headers;
    requires maven.plugin.api;
    requires static maven.plugin.annotations;

    exports io.bpf4j.maven;
}
