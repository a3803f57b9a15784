/**
 * The BPF object lifecycle, as libbpf has it: open an object file, adjust it,
 * load it into the kernel, attach its programs, read its maps, ring buffers
 * and global variables, and close it, freeing every kernel resource.
 *
 * <p>Attach types are plugins found with {@link java.util.ServiceLoader}
 * ({@code uses io.bpf4j.attach.AttachPlugin}): a jar that provides one on the
 * class path or module path adds section names without any change here.
 */
module io.bpf4j.loader {
    requires transitive io.bpf4j.btf;
    requires transitive io.bpf4j.elf;
    requires transitive io.bpf4j.syscall;
    requires transitive io.bpf4j.attach;
    requires io.bpf4j.core;
    requires dagger;
    requires jakarta.inject;
    requires static java.compiler;

    exports io.bpf4j.loader;

    uses io.bpf4j.attach.AttachPlugin;
}
