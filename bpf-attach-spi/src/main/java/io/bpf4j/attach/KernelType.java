package io.bpf4j.attach;

import java.util.Objects;

/**
 * Where a named type lives in the running kernel's BTF: in vmlinux or in a loaded module's split
 * BTF. What a trampoline's load needs to name its target: {@code attach_btf_id} is
 * {@link #typeId()}, and for a module {@code attach_btf_obj_fd} is a descriptor of the module's
 * BTF object ({@link #btfObjectId()}, opened with {@code BPF_BTF_GET_FD_BY_ID}).
 *
 * @param module {@value #VMLINUX} or the module's name, e.g. {@code "9pnet"}
 * @param btfObjectId the kernel's id of the module's BTF object; 0 for vmlinux
 * @param typeId the type's id in that BTF (for a module, in its split BTF over vmlinux)
 */
public record KernelType(String module, int btfObjectId, int typeId) {
    /** The module name of the kernel's own types. */
    public static final String VMLINUX = "vmlinux";

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code typeId} is not positive or a module type has no
     *     object id
     */
    public KernelType {
        Objects.requireNonNull(module, "module");
        if (typeId <= 0) {
            throw new IllegalArgumentException("typeId must be > 0: " + typeId);
        }
        if (!module.equals(VMLINUX) && btfObjectId <= 0) {
            throw new IllegalArgumentException("module " + module + " has no BTF object id (" + btfObjectId
                    + "): the kernel would not tell it (BPF_BTF_GET_NEXT_ID needs CAP_SYS_ADMIN)");
        }
    }

    /** {@return whether the type is vmlinux's, not a module's} */
    public boolean inVmlinux() {
        return module.equals(VMLINUX);
    }
}
