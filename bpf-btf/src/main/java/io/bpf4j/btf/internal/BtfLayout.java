package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfKind;

/** Sizes and constants of the raw BTF format, from the UAPI header {@code linux/btf.h}. */
public final class BtfLayout {
    /** {@code BTF_MAGIC}, read as a 16-bit value in the data's byte order. */
    public static final int MAGIC = 0xEB9F;
    /** {@code BTF_VERSION}. */
    public static final int VERSION = 1;
    /** {@code sizeof(struct btf_header)}: the smallest valid {@code hdr_len}. */
    public static final int HEADER_SIZE = 24;
    /** {@code sizeof(struct btf_type)}. */
    public static final int TYPE_HEADER_SIZE = 12;
    /** {@code BTF_MAX_TYPE}: the largest type id the kernel accepts. */
    public static final int MAX_TYPE_ID = 0x000fffff;

    private BtfLayout() {
    }

    /** {@return {@code BTF_INFO_KIND(info)}} */
    public static int kind(int info) {
        return (info >>> 24) & 0x1f;
    }

    /** {@return {@code BTF_INFO_VLEN(info)}} */
    public static int vlen(int info) {
        return info & 0xffff;
    }

    /** {@return {@code BTF_INFO_KFLAG(info)}} */
    public static boolean kindFlag(int info) {
        return (info >>> 31) != 0;
    }

    /**
     * Returns how many bytes follow {@code struct btf_type} for a kind, or -1 for an unknown kind.
     * The per-entry sizes are those of {@code btf_member}, {@code btf_enum}, {@code btf_param},
     * {@code btf_var_secinfo}, {@code btf_enum64}, {@code btf_array}, {@code btf_var} and
     * {@code btf_decl_tag}.
     */
    public static long extraBytes(int kind, int vlen) {
        switch (kind) {
            case 1: // INT: one u32 of encoding/offset/bits
            case 14: // VAR: struct btf_var
            case 17: // DECL_TAG: struct btf_decl_tag
                return 4;
            case 3: // ARRAY: struct btf_array
                return 12;
            case 4: // STRUCT
            case 5: // UNION
            case 15: // DATASEC
            case 19: // ENUM64
                return 12L * vlen;
            case 6: // ENUM
            case 13: // FUNC_PROTO
                return 8L * vlen;
            case 2: case 7: case 8: case 9: case 10: case 11: case 12: case 16: case 18:
                return 0;
            default:
                return -1;
        }
    }

    /** {@return whether {@code btf_type.size} (rather than {@code .type}) is used by the kind} */
    public static boolean hasSize(BtfKind kind) {
        switch (kind) {
            case INT: case ENUM: case STRUCT: case UNION: case DATASEC: case ENUM64: case FLOAT:
                return true;
            default:
                return false;
        }
    }
}
