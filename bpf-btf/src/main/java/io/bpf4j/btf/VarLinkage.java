package io.bpf4j.btf;

/**
 * Linkage of a {@link BtfType.Var}: {@code struct btf_var.linkage}, the {@code BTF_VAR_*}
 * constants of {@code linux/btf.h} (kernel 5.2; EXTERN from libbpf 0.1).
 */
public enum VarLinkage {
    /** {@code BTF_VAR_STATIC}. */
    STATIC(0),
    /** {@code BTF_VAR_GLOBAL_ALLOCATED}. */
    GLOBAL_ALLOCATED(1),
    /** {@code BTF_VAR_GLOBAL_EXTERN}. */
    GLOBAL_EXTERN(2);

    private final int value;

    VarLinkage(int value) {
        this.value = value;
    }

    /** {@return the UAPI number} */
    public int value() {
        return value;
    }

    /**
     * Returns the linkage with the given UAPI number.
     *
     * @param value a {@code BTF_VAR_*} number
     * @return the linkage
     * @throws IllegalArgumentException if no linkage has that number
     */
    public static VarLinkage of(int value) {
        for (VarLinkage l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown BTF var linkage " + value);
    }
}
