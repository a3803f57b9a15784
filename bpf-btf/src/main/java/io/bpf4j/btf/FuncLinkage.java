package io.bpf4j.btf;

/**
 * Linkage of a {@link BtfType.Func}, stored in the FUNC's vlen: {@code enum btf_func_linkage}
 * of {@code linux/btf.h} (kernel 5.6).
 */
public enum FuncLinkage {
    /** {@code BTF_FUNC_STATIC}. */
    STATIC(0),
    /** {@code BTF_FUNC_GLOBAL}. */
    GLOBAL(1),
    /** {@code BTF_FUNC_EXTERN}. */
    EXTERN(2);

    private final int value;

    FuncLinkage(int value) {
        this.value = value;
    }

    /** {@return the UAPI number} */
    public int value() {
        return value;
    }

    /**
     * Returns the linkage with the given UAPI number.
     *
     * @param value a {@code BTF_FUNC_*} number
     * @return the linkage
     * @throws IllegalArgumentException if no linkage has that number
     */
    public static FuncLinkage of(int value) {
        for (FuncLinkage l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown BTF func linkage " + value);
    }
}
