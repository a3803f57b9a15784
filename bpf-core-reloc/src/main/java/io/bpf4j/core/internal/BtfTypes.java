package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.List;

/**
 * The few questions CO-RE asks of a BTF, phrased the way {@code relo_core.c} asks them, with
 * every failure (id out of range, malformed type) turned into {@link InvalidRelocationException}.
 */
public final class BtfTypes {
    private BtfTypes() {
    }

    /** {@return the type with an id, or an invalid-relocation error naming the BTF if there is none} */
    public static BtfType type(Btf btf, int id) {
        if (id < 0 || id >= btf.typeCount()) {
            throw new InvalidRelocationException("type id " + Integer.toUnsignedLong(id) + " is out of range (" + btf.origin()
                    + " has ids 0.." + (btf.typeCount() - 1) + ")");
        }
        try {
            return btf.type(id);
        } catch (BtfFormatException e) {
            throw new InvalidRelocationException("malformed BTF: " + e.getMessage(), e);
        }
    }

    /**
     * Skips typedefs and modifiers, as libbpf's {@code skip_mods_and_typedefs}.
     *
     * @return the id of the first type that is neither (0 for void)
     */
    public static int skipModsAndTypedefs(Btf btf, int id) {
        type(btf, id);
        try {
            return btf.resolve(id);
        } catch (BtfFormatException e) {
            throw new InvalidRelocationException("malformed BTF: " + e.getMessage(), e);
        }
    }

    /** {@return the type after typedefs and modifiers} */
    public static BtfType skipped(Btf btf, int id) {
        return type(btf, skipModsAndTypedefs(btf, id));
    }

    /**
     * Returns a type's size in bytes as libbpf's {@code btf__resolve_size} computes it.
     *
     * @return the size, or -1 when the type has none (void, FWD, FUNC, FUNC_PROTO)
     */
    public static long sizeOrMinusOne(Btf btf, int id) {
        type(btf, id);
        try {
            return btf.sizeOf(id);
        } catch (IllegalArgumentException e) {
            return -1;
        } catch (BtfFormatException e) {
            throw new InvalidRelocationException("malformed BTF: " + e.getMessage(), e);
        }
    }

    /** {@return a type's size, or an invalid-relocation error if it has none} */
    public static long size(Btf btf, int id) {
        long size = sizeOrMinusOne(btf, id);
        if (size < 0) {
            throw new InvalidRelocationException("type id " + id + " (" + describe(btf, id) + ") has no size");
        }
        return size;
    }

    /** {@return whether a type is a struct or a union} */
    public static boolean isComposite(BtfType t) {
        return t instanceof BtfType.Struct || t instanceof BtfType.Union;
    }

    /** {@return whether a type is an enum of either width} */
    public static boolean isAnyEnum(BtfType t) {
        return t instanceof BtfType.Enum || t instanceof BtfType.Enum64;
    }

    /** {@return the members of a struct or union} */
    public static List<BtfType.Member> members(BtfType t) {
        if (t instanceof BtfType.Struct s) {
            return s.members();
        }
        if (t instanceof BtfType.Union u) {
            return u.members();
        }
        throw new IllegalArgumentException(t.kind() + " has no members");
    }

    /** {@return the enumerators of an enum of either width} */
    public static List<BtfType.EnumValue> enumValues(BtfType t) {
        if (t instanceof BtfType.Enum e) {
            return e.values();
        }
        if (t instanceof BtfType.Enum64 e) {
            return e.values();
        }
        throw new IllegalArgumentException(t.kind() + " has no enumerators");
    }

    /** {@return whether an enum of either width has the signed kind_flag} */
    public static boolean isSignedEnum(BtfType t) {
        return t instanceof BtfType.Enum e && e.signed() || t instanceof BtfType.Enum64 e64 && e64.signed();
    }

    /** {@return libbpf's {@code btf_kind_core_compat}: same kind, or both enums of any width} */
    public static boolean kindsCompatible(BtfKind a, BtfKind b) {
        return a == b || isEnumKind(a) && isEnumKind(b);
    }

    /** {@return whether a kind is ENUM or ENUM64} */
    public static boolean isEnumKind(BtfKind k) {
        return k == BtfKind.ENUM || k == BtfKind.ENUM64;
    }

    /** {@return "struct task_struct", "enum pid_type", "typedef u32", "struct &lt;anon&gt;"} */
    public static String describe(Btf btf, int id) {
        if (id < 0 || id >= btf.typeCount()) {
            return "<bad id " + Integer.toUnsignedLong(id) + ">";
        }
        if (id == 0) {
            return "void";
        }
        BtfKind kind = btf.kind(id);
        String name;
        try {
            name = btf.name(id);
        } catch (BtfFormatException e) {
            name = "";
        }
        return keyword(kind) + " " + (name.isEmpty() ? "<anon>" : name);
    }

    private static String keyword(BtfKind kind) {
        switch (kind) {
            case ENUM: case ENUM64:
                return "enum";
            case FUNC_PROTO:
                return "func_proto";
            case DECL_TAG:
                return "decl_tag";
            case TYPE_TAG:
                return "type_tag";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
