package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import java.util.Objects;

/**
 * A type found in the running kernel's BTF: in vmlinux or in one module's split BTF.
 *
 * @param module {@value KernelBtfs#VMLINUX} or the module's name
 * @param btfObjectId the kernel's id of that BTF object; 0 for vmlinux (what
 *     {@code attach_btf_obj_fd} = 0 means), -1 if the kernel would not tell
 * @param btf the BTF holding the type (for a module, its split BTF over vmlinux)
 * @param typeId the type's id in {@code btf}
 */
public record KernelBtfType(String module, int btfObjectId, Btf btf, int typeId) {
    /** Checks the components. */
    public KernelBtfType {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(btf, "btf");
    }

    /** {@return whether the type is vmlinux's, not a module's} */
    public boolean inVmlinux() {
        return module.equals(KernelBtfs.VMLINUX);
    }
}
