package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Turns a {@link BtfType} record back into its bytes: {@code struct btf_type} and the kind's
 * trailing data ({@code linux/btf.h}), the inverse of {@link TypeDecoder}. A struct or union gets
 * kind_flag (bitfield sizes in the member offsets) only when a member is a bitfield, as clang
 * and pahole write them.
 */
public final class TypeEncoder {
    private TypeEncoder() {
    }

    /** {@return the encoded size of a record: 12 bytes plus the kind's trailing data} */
    public static int size(BtfType t) {
        return BtfLayout.TYPE_HEADER_SIZE + (int) BtfLayout.extraBytes(t.kind().value(), vlen(t));
    }

    private static int vlen(BtfType t) {
        if (t instanceof BtfType.Struct s) {
            return s.members().size();
        } else if (t instanceof BtfType.Union u) {
            return u.members().size();
        } else if (t instanceof BtfType.Enum e) {
            return e.values().size();
        } else if (t instanceof BtfType.Enum64 e) {
            return e.values().size();
        } else if (t instanceof BtfType.FuncProto p) {
            return p.params().size();
        } else if (t instanceof BtfType.Datasec d) {
            return d.vars().size();
        } else if (t instanceof BtfType.Func f) {
            return f.linkage().value();
        }
        return 0;
    }

    /**
     * Writes a record at the buffer's position.
     *
     * @param t the type (its id is ignored)
     * @param out receives the bytes, in its byte order
     * @param strings gives the string offset of a name, adding it if needed
     * @throws IllegalArgumentException if the record cannot be encoded (too many members, a
     *     bitfield offset beyond 24 bits)
     */
    public static void encode(BtfType t, ByteBuffer out, ToIntFunction<String> strings) {
        int vlen = vlen(t);
        if (vlen > 0xffff) {
            throw new IllegalArgumentException(t.kind() + " '" + t.name() + "' has " + vlen + " entries; BTF allows 65535");
        }
        boolean kflag = false;
        int sizeOrType = 0;
        if (t instanceof BtfType.Struct s) {
            kflag = hasBitfield(s.members());
            sizeOrType = s.size();
        } else if (t instanceof BtfType.Union u) {
            kflag = hasBitfield(u.members());
            sizeOrType = u.size();
        } else if (t instanceof BtfType.Enum e) {
            kflag = e.signed();
            sizeOrType = e.size();
        } else if (t instanceof BtfType.Enum64 e) {
            kflag = e.signed();
            sizeOrType = e.size();
        } else if (t instanceof BtfType.Fwd f) {
            kflag = f.union();
            sizeOrType = 0;
        } else if (t instanceof BtfType.DeclTag g) {
            kflag = g.attribute();
            sizeOrType = g.type();
        } else if (t instanceof BtfType.TypeTag g) {
            kflag = g.attribute();
            sizeOrType = g.type();
        } else if (t instanceof BtfType.Int i) {
            sizeOrType = i.size();
        } else if (t instanceof BtfType.Float f) {
            sizeOrType = f.size();
        } else if (t instanceof BtfType.Datasec d) {
            sizeOrType = d.size();
        } else if (t instanceof BtfType.Array) {
            sizeOrType = 0;
        } else if (t instanceof BtfType.FuncProto p) {
            sizeOrType = p.returnType();
        } else {
            sizeOrType = referenced(t);
        }
        int info = (kflag ? 1 << 31 : 0) | (t.kind().value() << 24) | vlen;
        out.putInt(strings.applyAsInt(t.name())).putInt(info).putInt(sizeOrType);
        if (t instanceof BtfType.Int i) {
            out.putInt((i.encoding() << 24) | (i.bitOffset() << 16) | i.bits());
        } else if (t instanceof BtfType.Array a) {
            out.putInt(a.elementType()).putInt(a.indexType()).putInt(a.elementCount());
        } else if (t instanceof BtfType.Struct s) {
            members(s.members(), kflag, out, strings);
        } else if (t instanceof BtfType.Union u) {
            members(u.members(), kflag, out, strings);
        } else if (t instanceof BtfType.Enum e) {
            for (BtfType.EnumValue v : e.values()) {
                out.putInt(strings.applyAsInt(v.name())).putInt((int) v.value());
            }
        } else if (t instanceof BtfType.Enum64 e) {
            for (BtfType.EnumValue v : e.values()) {
                out.putInt(strings.applyAsInt(v.name())).putInt((int) v.value()).putInt((int) (v.value() >>> 32));
            }
        } else if (t instanceof BtfType.FuncProto p) {
            for (BtfType.Param q : p.params()) {
                out.putInt(strings.applyAsInt(q.name())).putInt(q.type());
            }
        } else if (t instanceof BtfType.Var v) {
            out.putInt(v.linkage().value());
        } else if (t instanceof BtfType.Datasec d) {
            for (BtfType.VarSecInfo v : d.vars()) {
                out.putInt(v.type()).putInt(v.offset()).putInt(v.size());
            }
        } else if (t instanceof BtfType.DeclTag g) {
            out.putInt(g.componentIndex());
        }
    }

    private static int referenced(BtfType t) {
        if (t instanceof BtfType.Ptr p) {
            return p.type();
        } else if (t instanceof BtfType.Typedef d) {
            return d.type();
        } else if (t instanceof BtfType.Volatile v) {
            return v.type();
        } else if (t instanceof BtfType.Const c) {
            return c.type();
        } else if (t instanceof BtfType.Restrict r) {
            return r.type();
        } else if (t instanceof BtfType.Func f) {
            return f.type();
        } else if (t instanceof BtfType.Var v) {
            return v.type();
        } else if (t instanceof BtfType.DeclTag g) {
            return g.type();
        } else if (t instanceof BtfType.TypeTag g) {
            return g.type();
        }
        throw new IllegalArgumentException("cannot encode " + t);
    }

    private static boolean hasBitfield(List<BtfType.Member> members) {
        for (BtfType.Member m : members) {
            if (m.bitfieldSize() != 0) {
                return true;
            }
        }
        return false;
    }

    private static void members(List<BtfType.Member> members, boolean kflag, ByteBuffer out, ToIntFunction<String> strings) {
        for (BtfType.Member m : members) {
            long offset = m.bitOffset();
            if (kflag && (offset > 0xffffff || m.bitfieldSize() > 0xff)) {
                throw new IllegalArgumentException("member '" + m.name() + "' at bit " + offset + " (bitfield "
                        + m.bitfieldSize() + ") does not fit kind_flag's 24-bit offset / 8-bit size");
            }
            int encoded = kflag ? (m.bitfieldSize() << 24) | (int) offset : (int) offset;
            out.putInt(strings.applyAsInt(m.name())).putInt(m.type()).putInt(encoded);
        }
    }
}
