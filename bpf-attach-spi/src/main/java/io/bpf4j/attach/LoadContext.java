package io.bpf4j.attach;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Finds a named type in the running kernel's BTF, modules included, as libbpf resolves
     * trampoline targets ({@code find_kernel_btf_id}).
     *
     * <p>The loader's context searches vmlinux and then every loaded module's own types in name
     * order, or only module {@code module} when one is given. This default knows vmlinux only: a
     * module type is never found.
     *
     * @param module a module's name to search only that module ({@value KernelType#VMLINUX} for
     *     vmlinux), or null for vmlinux first, then the modules
     * @param name the exact name
     * @param kind the kind
     * @return where it is, or empty
     */
    default Optional<KernelType> findKernelType(String module, String name, BtfKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (module != null && !module.equals(KernelType.VMLINUX)) {
            return Optional.empty();
        }
        int id = kernelBtf().findByName(name, kind);
        return id > 0 ? Optional.of(new KernelType(KernelType.VMLINUX, 0, id)) : Optional.empty();
    }

    /** {@return a context backed by {@link Btf#kernel()}, the process-wide kernel BTF} */
    static LoadContext system() {
        return Btf::kernel;
    }
}
