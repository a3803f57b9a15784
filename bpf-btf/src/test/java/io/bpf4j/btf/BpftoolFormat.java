package io.bpf4j.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders types the way {@code bpftool btf dump file X} (raw format) prints them, so whole BTF
 * files can be compared line by line with bpftool's reading of the same bytes.
 */
final class BpftoolFormat {
    private BpftoolFormat() {
    }

    static List<String> dump(Btf btf) {
        List<String> out = new ArrayList<>();
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            render(btf, btf.type(id), out);
        }
        return out;
    }

    private static String quoted(String name) {
        return "'" + (name.isEmpty() ? "(anon)" : name) + "'";
    }

    static void render(Btf btf, BtfType type, List<String> out) {
        String head = "[" + type.id() + "] " + type.kind() + " " + quoted(type.name());
        if (type instanceof BtfType.Int t) {
            String enc = t.encoding() == BtfType.Int.SIGNED ? "SIGNED" : t.encoding() == BtfType.Int.CHAR ? "CHAR"
                    : t.encoding() == BtfType.Int.BOOL ? "BOOL" : "(none)";
            out.add(head + " size=" + t.size() + " bits_offset=" + t.bitOffset() + " nr_bits=" + t.bits() + " encoding=" + enc);
        } else if (type instanceof BtfType.Ptr t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.Typedef t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.Volatile t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.Const t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.Restrict t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.TypeTag t) {
            out.add(head + " type_id=" + t.type());
        } else if (type instanceof BtfType.Array t) {
            out.add(head + " type_id=" + t.elementType() + " index_type_id=" + t.indexType() + " nr_elems="
                    + t.elementCountUnsigned());
        } else if (type instanceof BtfType.Struct t) {
            out.add(head + " size=" + t.size() + " vlen=" + t.members().size());
            members(t.members(), out);
        } else if (type instanceof BtfType.Union t) {
            out.add(head + " size=" + t.size() + " vlen=" + t.members().size());
            members(t.members(), out);
        } else if (type instanceof BtfType.Enum t) {
            out.add(head + " encoding=" + (t.signed() ? "SIGNED" : "UNSIGNED") + " size=" + t.size() + " vlen="
                    + t.values().size());
            for (BtfType.EnumValue v : t.values()) {
                out.add("\t" + quoted(v.name()) + " val=" + v.value());
            }
        } else if (type instanceof BtfType.Enum64 t) {
            out.add(head + " encoding=" + (t.signed() ? "SIGNED" : "UNSIGNED") + " size=" + t.size() + " vlen="
                    + t.values().size());
            for (BtfType.EnumValue v : t.values()) {
                out.add("\t" + quoted(v.name()) + " val="
                        + (t.signed() ? v.value() + "LL" : Long.toUnsignedString(v.value()) + "ULL"));
            }
        } else if (type instanceof BtfType.Fwd t) {
            out.add(head + " fwd_kind=" + (t.union() ? "union" : "struct"));
        } else if (type instanceof BtfType.Func t) {
            out.add(head + " type_id=" + t.type() + " linkage=" + t.linkage().name().toLowerCase());
        } else if (type instanceof BtfType.FuncProto t) {
            out.add(head + " ret_type_id=" + t.returnType() + " vlen=" + t.params().size());
            for (BtfType.Param p : t.params()) {
                out.add("\t" + quoted(p.name()) + " type_id=" + p.type());
            }
        } else if (type instanceof BtfType.Var t) {
            String linkage = switch (t.linkage()) {
                case STATIC -> "static";
                case GLOBAL_ALLOCATED -> "global";
                case GLOBAL_EXTERN -> "extern";
            };
            out.add(head + " type_id=" + t.type() + ", linkage=" + linkage);
        } else if (type instanceof BtfType.Datasec t) {
            out.add(head + " size=" + Integer.toUnsignedLong(t.size()) + " vlen=" + t.vars().size());
            for (BtfType.VarSecInfo v : t.vars()) {
                out.add("\ttype_id=" + v.type() + " offset=" + Integer.toUnsignedLong(v.offset()) + " size="
                        + Integer.toUnsignedLong(v.size()) + " (" + btf.kind(v.type()) + " " + quoted(btf.name(v.type())) + ")");
            }
        } else if (type instanceof BtfType.Float t) {
            out.add(head + " size=" + t.size());
        } else if (type instanceof BtfType.DeclTag t) {
            out.add(head + " type_id=" + t.type() + " component_idx=" + t.componentIndex());
        } else {
            throw new AssertionError("unexpected " + type);
        }
    }

    private static void members(List<BtfType.Member> members, List<String> out) {
        for (BtfType.Member m : members) {
            out.add("\t" + quoted(m.name()) + " type_id=" + m.type() + " bits_offset=" + m.bitOffset()
                    + (m.bitfieldSize() != 0 ? " bitfield_size=" + m.bitfieldSize() : ""));
        }
    }
}
