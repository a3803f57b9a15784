/**
 * The bpf4j Maven plugin: goals {@code bpf4j:compile} and {@code bpf4j:test-compile} compile
 * {@code src/main/bpf} and {@code src/test/bpf} with clang into class-path BPF objects
 * ({@code bpf4j:help} lists the parameters).
 *
 * <p>Maven loads plugins on the class path, so this descriptor serves compilation (it keeps the
 * internal package unexported) and module-path users. Maven's own jars have no module names;
 * {@code maven.plugin.api} and {@code maven.plugin.annotations} are the names the JDK derives from
 * their file names, stable for as long as those artifacts keep their names.
 */
module io.bpf4j.maven {
    requires io.bpf4j.headers;
    // CDumper makes vmlinux.h from the kernel's BTF.
    requires io.bpf4j.btf;
    // The mojos extend AbstractMojo and throw its exceptions: part of this module's API.
    requires transitive maven.plugin.api;
    // Annotations of class retention, read by maven-plugin-plugin at build time only.
    requires static transitive maven.plugin.annotations;
    // The generated HelpMojo reads its plugin descriptor with the JDK's DOM parser.
    requires java.xml;

    exports io.bpf4j.maven;
}
