package io.bpf4j.attach;

import io.bpf4j.btf.Btf;

/**
 * What the loader offers a plugin while it {@linkplain AttachPlugin#define defines} a program.
 */
@FunctionalInterface
public interface LoadContext {

    /**
     * {@return the running kernel's BTF ({@code /sys/kernel/btf/vmlinux})}; implementations
     * parse it lazily, so a plugin that does not call this costs nothing
     */
    Btf kernelBtf();

    /** {@return a context backed by {@link Btf#kernel()}, the process-wide kernel BTF} */
    static LoadContext system() {
        return Btf::kernel;
    }
}
