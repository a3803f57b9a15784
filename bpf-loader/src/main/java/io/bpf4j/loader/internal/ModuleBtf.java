package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import java.util.Objects;

/**
 * A loaded kernel module's BTF: its split BTF ({@code /sys/kernel/btf/<name>}, parsed over vmlinux
 * as base, so its own type ids continue after vmlinux's) and the kernel's id of the same BTF object,
 * which {@code BPF_BTF_GET_FD_BY_ID} opens for {@code attach_btf_obj_fd}.
 *
 * @param name the module's name, e.g. {@code "9pnet"}
 * @param btfObjectId the kernel-wide BTF object id, or -1 if the kernel would not tell
 *     (no {@code CAP_SYS_ADMIN} for {@code BPF_BTF_GET_NEXT_ID})
 * @param btf the module's BTF, answering for vmlinux's ids too
 */
public record ModuleBtf(String name, int btfObjectId, Btf btf) {
    /** Checks the components. */
    public ModuleBtf {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(btf, "btf");
    }
}
