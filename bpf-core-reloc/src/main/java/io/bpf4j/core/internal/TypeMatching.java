package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.List;

/**
 * The strict relation behind {@code TYPE_MATCHES} (libbpf's {@code bpf_core_types_match}, kernel
 * 6.2 / libbpf 1.1): after typedefs and modifiers, names agree (without flavors), and
 * <ul>
 *   <li>integers have the same size and signedness;</li>
 *   <li>enums have the same size and every local enumerator name exists in the target (values
 *       may differ; enum and enum64 mix);</li>
 *   <li>structs/unions of the same kind have every local member, by name, with a matching type
 *       (behind a pointer, only names and kinds count, and a FWD of the right kind matches);</li>
 *   <li>pointers and arrays (same element count) match by their target types; function
 *       prototypes by arity, parameters and return type.</li>
 * </ul>
 */
public final class TypeMatching {
    private static final int MAX_DEPTH = 32;

    private TypeMatching() {
    }

    /** {@return whether a local type matches a candidate} */
    public static boolean matches(Btf localBtf, int localId, Btf targetBtf, int targetId) {
        return matches(localBtf, localId, targetBtf, targetId, false, MAX_DEPTH);
    }

    private static boolean matches(Btf localBtf, int localId, Btf targetBtf, int targetId, boolean behindPointer, int level) {
        if (level <= 0) {
            throw new InvalidRelocationException("types nest deeper than " + MAX_DEPTH + " levels");
        }
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            BtfType local = BtfTypes.skipped(localBtf, localId);
            BtfType target = BtfTypes.skipped(targetBtf, targetId);
            if (!namesMatch(local.name(), target.name())) {
                return false;
            }
            BtfKind lk = local.kind();
            BtfKind tk = target.kind();
            switch (lk) {
                case UNKN:
                    return lk == tk;
                case FWD: {
                    boolean localUnion = ((BtfType.Fwd) local).union();
                    if (tk == BtfKind.FWD) {
                        return localUnion == ((BtfType.Fwd) target).union();
                    }
                    return behindPointer && (tk == BtfKind.STRUCT && !localUnion || tk == BtfKind.UNION && localUnion);
                }
                case ENUM: case ENUM64:
                    return BtfTypes.isAnyEnum(target) && enumsMatch(local, target);
                case STRUCT: case UNION:
                    if (behindPointer) {
                        if (lk == tk) {
                            return true;
                        }
                        return tk == BtfKind.FWD && ((BtfType.Fwd) target).union() == (lk == BtfKind.UNION);
                    }
                    return lk == tk && compositesMatch(localBtf, local, targetBtf, target, level);
                case INT: {
                    if (tk != BtfKind.INT) {
                        return false;
                    }
                    BtfType.Int li = (BtfType.Int) local;
                    BtfType.Int ti = (BtfType.Int) target;
                    return li.size() == ti.size() && li.isSigned() == ti.isSigned();
                }
                case PTR:
                    if (tk != BtfKind.PTR) {
                        return false;
                    }
                    behindPointer = true;
                    localId = ((BtfType.Ptr) local).type();
                    targetId = ((BtfType.Ptr) target).type();
                    break;
                case ARRAY: {
                    if (tk != BtfKind.ARRAY) {
                        return false;
                    }
                    BtfType.Array la = (BtfType.Array) local;
                    BtfType.Array ta = (BtfType.Array) target;
                    if (la.elementCount() != ta.elementCount()) {
                        return false;
                    }
                    localId = la.elementType();
                    targetId = ta.elementType();
                    break;
                }
                case FUNC_PROTO: {
                    if (tk != BtfKind.FUNC_PROTO) {
                        return false;
                    }
                    List<BtfType.Param> lp = ((BtfType.FuncProto) local).params();
                    List<BtfType.Param> tp = ((BtfType.FuncProto) target).params();
                    if (lp.size() != tp.size()) {
                        return false;
                    }
                    for (int i = 0; i < lp.size(); i++) {
                        if (!matches(localBtf, lp.get(i).type(), targetBtf, tp.get(i).type(), behindPointer, level - 1)) {
                            return false;
                        }
                    }
                    localId = ((BtfType.FuncProto) local).returnType();
                    targetId = ((BtfType.FuncProto) target).returnType();
                    break;
                }
                default:
                    return false;
            }
        }
        throw new InvalidRelocationException("types nest deeper than " + MAX_DEPTH + " levels");
    }

    private static boolean enumsMatch(BtfType local, BtfType target) {
        if (size(local) != size(target)) {
            return false;
        }
        List<BtfType.EnumValue> lv = BtfTypes.enumValues(local);
        List<BtfType.EnumValue> tv = BtfTypes.enumValues(target);
        if (lv.size() > tv.size()) {
            return false;
        }
        for (BtfType.EnumValue l : lv) {
            if (tv.stream().noneMatch(t -> namesMatch(l.name(), t.name()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean compositesMatch(Btf localBtf, BtfType local, Btf targetBtf, BtfType target, int level) {
        List<BtfType.Member> lm = BtfTypes.members(local);
        List<BtfType.Member> tm = BtfTypes.members(target);
        if (lm.size() > tm.size()) {
            return false;
        }
        for (BtfType.Member l : lm) {
            boolean found = false;
            for (BtfType.Member t : tm) {
                if (namesMatch(l.name(), t.name()) && matches(localBtf, l.type(), targetBtf, t.type(), false, level - 1)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static int size(BtfType enumType) {
        return enumType instanceof BtfType.Enum e ? e.size() : ((BtfType.Enum64) enumType).size();
    }

    /** Anonymous matches only anonymous; otherwise essential names must be equal. */
    private static boolean namesMatch(String local, String target) {
        if (target.isEmpty()) {
            return local.isEmpty();
        }
        return EssentialName.matches(local, target);
    }
}
