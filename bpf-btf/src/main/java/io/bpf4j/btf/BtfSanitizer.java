package io.bpf4j.btf;

import io.bpf4j.btf.internal.BtfLayout;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites an object's BTF so that a kernel lacking some {@link BtfFeature}s accepts it, as libbpf
 * does before {@code BPF_BTF_LOAD} ({@code bpf_object__sanitize_btf}). Every rewrite keeps type ids
 * (func_info, line_info and CO-RE records refer to them) by turning a type into one of the same
 * byte length that the older kernel knows:
 * <table>
 * <caption>What each missing feature does</caption>
 * <tr><th>missing</th><th>rewrite</th></tr>
 * <tr><td>{@link BtfFeature#FUNC_GLOBAL}</td><td>every FUNC gets static linkage</td></tr>
 * <tr><td>{@link BtfFeature#FUNC}</td><td>FUNC becomes a TYPEDEF of its prototype; FUNC_PROTO
 *     becomes an ENUM of size 4 whose enumerators are the parameters</td></tr>
 * <tr><td>{@link BtfFeature#DATASEC}</td><td>VAR becomes a 1-byte INT of the same name; DATASEC
 *     becomes a STRUCT of the same size, one member per variable (named after it, at its offset),
 *     named after the section with '.' and '?' turned into '_'</td></tr>
 * <tr><td>{@link BtfFeature#FLOAT}</td><td>FLOAT becomes an anonymous empty STRUCT of the same size</td></tr>
 * <tr><td>{@link BtfFeature#DECL_TAG}</td><td>DECL_TAG becomes an anonymous 1-byte INT: the tag is
 *     gone</td></tr>
 * <tr><td>{@link BtfFeature#TYPE_TAG}</td><td>TYPE_TAG becomes an anonymous CONST of the same
 *     type: the tag is gone</td></tr>
 * <tr><td>{@link BtfFeature#ENUM64}</td><td>ENUM64 becomes a UNION of its size whose members
 *     (named after the enumerators) are of a new 1-byte INT {@code enum64_placeholder}; an ENUM
 *     loses its signed flag</td></tr>
 * </table>
 * Only this BTF's own types are rewritten (a split BTF's base is the kernel's, already fine).
 */
public final class BtfSanitizer {
    /** libbpf's name for the INT that stands for an ENUM64's values. */
    public static final String ENUM64_PLACEHOLDER = "enum64_placeholder";

    private static final int INT_ONE_BYTE_8_BITS = 8; // BTF_INT_ENC(0, 0, 8)

    private BtfSanitizer() {
    }

    /**
     * {@return which features a BTF uses} (so a loader probes only those)
     *
     * @param btf the BTF (its own types)
     */
    public static Set<BtfFeature> used(Btf btf) {
        Set<BtfFeature> used = EnumSet.noneOf(BtfFeature.class);
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            switch (btf.kind(id)) {
                case FUNC:
                    used.add(BtfFeature.FUNC);
                    if (BtfLayout.vlen(btf.table().info(id)) != 0) {
                        used.add(BtfFeature.FUNC_GLOBAL);
                    }
                    break;
                case FUNC_PROTO: used.add(BtfFeature.FUNC); break;
                case VAR: case DATASEC: used.add(BtfFeature.DATASEC); break;
                case FLOAT: used.add(BtfFeature.FLOAT); break;
                case DECL_TAG: used.add(BtfFeature.DECL_TAG); break;
                case TYPE_TAG: used.add(BtfFeature.TYPE_TAG); break;
                case ENUM64: used.add(BtfFeature.ENUM64); break;
                case ENUM:
                    if (BtfLayout.kindFlag(btf.table().info(id))) {
                        used.add(BtfFeature.ENUM64);
                    }
                    break;
                default:
                    break;
            }
        }
        return used;
    }

    /**
     * Returns BTF the kernel with the given features accepts.
     *
     * @param btf the BTF to rewrite
     * @param supported the features the kernel has
     * @return {@code btf} itself when nothing needs rewriting, else a rewritten copy with the same
     *     ids (plus {@code enum64_placeholder} at the end when ENUM64s were rewritten)
     * @throws BtfFormatException if the BTF is malformed
     */
    public static Btf sanitize(Btf btf, Set<BtfFeature> supported) {
        Objects.requireNonNull(supported, "supported");
        Set<BtfFeature> missing = used(btf);
        missing.removeAll(supported);
        if (missing.isEmpty()) {
            return btf;
        }
        boolean func = !missing.contains(BtfFeature.FUNC) && supported.contains(BtfFeature.FUNC);
        boolean funcGlobal = !missing.contains(BtfFeature.FUNC_GLOBAL);
        BtfBuilder out = BtfBuilder.appendingTo(btf);
        int placeholder = -1;
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            int info = btf.table().info(id);
            int vlen = BtfLayout.vlen(info);
            BtfKind kind = btf.kind(id);
            if (kind == BtfKind.FUNC && !func) {
                out.patchWord(id, 1, info(BtfKind.TYPEDEF, 0, false));
            } else if (kind == BtfKind.FUNC && !funcGlobal) {
                out.patchWord(id, 1, info(BtfKind.FUNC, 0, false));
            } else if (kind == BtfKind.FUNC_PROTO && !func) {
                out.patchWord(id, 1, info(BtfKind.ENUM, vlen, false));
                out.patchWord(id, 2, 4); // the kernel rejects an enum of size 0
            } else if (kind == BtfKind.VAR && missing.contains(BtfFeature.DATASEC)) {
                oneByteInt(out, id, -1);
            } else if (kind == BtfKind.DATASEC && missing.contains(BtfFeature.DATASEC)) {
                BtfType.Datasec sec = (BtfType.Datasec) btf.type(id);
                out.patchWord(id, 0, out.addString(sec.name().replace('.', '_').replace('?', '_')));
                out.patchWord(id, 1, info(BtfKind.STRUCT, vlen, false));
                for (int i = 0; i < vlen; i++) {
                    BtfType.VarSecInfo v = sec.vars().get(i);
                    int word = 3 + 3 * i;
                    out.patchWord(id, word, out.addString(btf.name(v.type()))); // interned: the VAR's own name_off
                    out.patchWord(id, word + 1, v.type());
                    out.patchWord(id, word + 2, v.offset() * 8);
                }
            } else if (kind == BtfKind.FLOAT && missing.contains(BtfFeature.FLOAT)) {
                out.patchWord(id, 0, 0);
                out.patchWord(id, 1, info(BtfKind.STRUCT, 0, false));
            } else if (kind == BtfKind.DECL_TAG && missing.contains(BtfFeature.DECL_TAG)) {
                oneByteInt(out, id, 0);
            } else if (kind == BtfKind.TYPE_TAG && missing.contains(BtfFeature.TYPE_TAG)) {
                out.patchWord(id, 0, 0);
                out.patchWord(id, 1, info(BtfKind.CONST, 0, false));
            } else if (kind == BtfKind.ENUM && missing.contains(BtfFeature.ENUM64)) {
                out.patchWord(id, 1, info(BtfKind.ENUM, vlen, false));
            } else if (kind == BtfKind.ENUM64 && missing.contains(BtfFeature.ENUM64)) {
                if (placeholder < 0) {
                    placeholder = btf.typeCount(); // added below, after every kept type
                }
                out.patchWord(id, 1, info(BtfKind.UNION, vlen, false));
                for (int i = 0; i < vlen; i++) {
                    out.patchWord(id, 3 + 3 * i + 1, placeholder);
                    out.patchWord(id, 3 + 3 * i + 2, 0);
                }
            }
        }
        if (placeholder >= 0) {
            int added = out.add(new BtfType.Int(0, ENUM64_PLACEHOLDER, 1, 0, 0, 8));
            assert added == placeholder;
        }
        return out.build(btf.origin() + " (sanitized: no " + missing + ")");
    }

    /** VAR / DECL_TAG -> INT of size 1 (4 will be too big for a smaller variable: libbpf's reasoning). */
    private static void oneByteInt(BtfBuilder out, int id, int nameOff) {
        if (nameOff >= 0) {
            out.patchWord(id, 0, nameOff);
        }
        out.patchWord(id, 1, info(BtfKind.INT, 0, false));
        out.patchWord(id, 2, 1);
        out.patchWord(id, 3, INT_ONE_BYTE_8_BITS);
    }

    private static int info(BtfKind kind, int vlen, boolean kflag) {
        return (kflag ? 1 << 31 : 0) | (kind.value() << 24) | vlen;
    }
}
