package io.bpf4j.btf;

/**
 * What a CO-RE relocation asks for: {@code enum bpf_core_relo_kind} of the UAPI header
 * {@code linux/bpf.h} (kernel 5.17 moved it there from libbpf; TYPE_MATCHES is from 6.2 / libbpf 1.1).
 */
public enum CoreRelocationKind {
    /** {@code BPF_CORE_FIELD_BYTE_OFFSET}: field byte offset. */
    FIELD_BYTE_OFFSET(0),
    /** {@code BPF_CORE_FIELD_BYTE_SIZE}: field size in bytes. */
    FIELD_BYTE_SIZE(1),
    /** {@code BPF_CORE_FIELD_EXISTS}: field existence in target kernel. */
    FIELD_EXISTS(2),
    /** {@code BPF_CORE_FIELD_SIGNED}: field signedness (0 unsigned, 1 signed). */
    FIELD_SIGNED(3),
    /** {@code BPF_CORE_FIELD_LSHIFT_U64}: bitfield-specific left bitshift. */
    FIELD_LSHIFT_U64(4),
    /** {@code BPF_CORE_FIELD_RSHIFT_U64}: bitfield-specific right bitshift. */
    FIELD_RSHIFT_U64(5),
    /** {@code BPF_CORE_TYPE_ID_LOCAL}: type ID in local BPF object. */
    TYPE_ID_LOCAL(6),
    /** {@code BPF_CORE_TYPE_ID_TARGET}: type ID in target kernel. */
    TYPE_ID_TARGET(7),
    /** {@code BPF_CORE_TYPE_EXISTS}: type existence in target kernel. */
    TYPE_EXISTS(8),
    /** {@code BPF_CORE_TYPE_SIZE}: type size in bytes. */
    TYPE_SIZE(9),
    /** {@code BPF_CORE_ENUMVAL_EXISTS}: enum value existence in target kernel. */
    ENUMVAL_EXISTS(10),
    /** {@code BPF_CORE_ENUMVAL_VALUE}: enum value integer value. */
    ENUMVAL_VALUE(11),
    /** {@code BPF_CORE_TYPE_MATCHES}: type match in target kernel. */
    TYPE_MATCHES(12);

    private static final CoreRelocationKind[] BY_VALUE = values();

    private final int value;

    CoreRelocationKind(int value) {
        this.value = value;
    }

    /** {@return the UAPI number} */
    public int value() {
        return value;
    }

    /**
     * Returns the kind with the given UAPI number.
     *
     * @param value a {@code BPF_CORE_*} number
     * @return the kind
     * @throws IllegalArgumentException if no kind has that number
     */
    public static CoreRelocationKind of(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("unknown CO-RE relocation kind " + value);
        }
        return BY_VALUE[value];
    }

    /** {@return whether the relocation is about a struct/union field (access string "0:1:...")} */
    public boolean isFieldBased() {
        return value <= FIELD_RSHIFT_U64.value;
    }

    /** {@return whether the relocation is about a whole type (access string "0")} */
    public boolean isTypeBased() {
        return this == TYPE_ID_LOCAL || this == TYPE_ID_TARGET || this == TYPE_EXISTS || this == TYPE_SIZE
                || this == TYPE_MATCHES;
    }

    /** {@return whether the relocation is about an enumerator (access string = its index)} */
    public boolean isEnumValueBased() {
        return this == ENUMVAL_EXISTS || this == ENUMVAL_VALUE;
    }
}
