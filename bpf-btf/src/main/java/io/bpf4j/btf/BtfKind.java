package io.bpf4j.btf;

/**
 * The kind of a BTF type: bits 24-28 of {@code btf_type.info}. The numbers mirror the
 * {@code BTF_KIND_*} enum of the UAPI header {@code linux/btf.h}; the comment on each constant
 * names the kernel version that introduced it.
 */
public enum BtfKind {
    /** {@code BTF_KIND_UNKN}: id 0, the {@code void} type; never stored in the type section. */
    UNKN(0),
    /** {@code BTF_KIND_INT} (4.18). */
    INT(1),
    /** {@code BTF_KIND_PTR} (4.18). */
    PTR(2),
    /** {@code BTF_KIND_ARRAY} (4.18). */
    ARRAY(3),
    /** {@code BTF_KIND_STRUCT} (4.18). */
    STRUCT(4),
    /** {@code BTF_KIND_UNION} (4.18). */
    UNION(5),
    /** {@code BTF_KIND_ENUM} (4.18; signed flag 6.0). */
    ENUM(6),
    /** {@code BTF_KIND_FWD} (4.18). */
    FWD(7),
    /** {@code BTF_KIND_TYPEDEF} (4.18). */
    TYPEDEF(8),
    /** {@code BTF_KIND_VOLATILE} (4.18). */
    VOLATILE(9),
    /** {@code BTF_KIND_CONST} (4.18). */
    CONST(10),
    /** {@code BTF_KIND_RESTRICT} (4.18). */
    RESTRICT(11),
    /** {@code BTF_KIND_FUNC} (5.0; linkage in vlen 5.6). */
    FUNC(12),
    /** {@code BTF_KIND_FUNC_PROTO} (5.0). */
    FUNC_PROTO(13),
    /** {@code BTF_KIND_VAR} (5.2). */
    VAR(14),
    /** {@code BTF_KIND_DATASEC} (5.2). */
    DATASEC(15),
    /** {@code BTF_KIND_FLOAT} (5.13). */
    FLOAT(16),
    /** {@code BTF_KIND_DECL_TAG} (5.16). */
    DECL_TAG(17),
    /** {@code BTF_KIND_TYPE_TAG} (5.17). */
    TYPE_TAG(18),
    /** {@code BTF_KIND_ENUM64} (6.0). */
    ENUM64(19);

    private static final BtfKind[] BY_VALUE = values();

    private final int value;

    BtfKind(int value) {
        this.value = value;
    }

    /** {@return the UAPI kind number} */
    public int value() {
        return value;
    }

    /**
     * Returns the kind with the given UAPI number.
     *
     * @param value a {@code BTF_KIND_*} number
     * @return the kind
     * @throws IllegalArgumentException if no kind has that number
     */
    public static BtfKind of(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("unknown BTF kind " + value);
        }
        return BY_VALUE[value];
    }

    /** {@return whether a kind number is one this enum knows} */
    public static boolean isKnown(int value) {
        return value >= 0 && value < BY_VALUE.length;
    }
}
