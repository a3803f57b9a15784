package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import java.util.List;

/**
 * The two loose compatibility relations of CO-RE (libbpf's {@code bpf_core_fields_are_compat}
 * and {@code bpf_core_types_are_compat}). Both look through typedefs and modifiers; integers of
 * any size and signedness are compatible (only the old bit-offset integers are refused), so a
 * field that grew from {@code u32} to {@code u64} still relocates.
 */
public final class TypeCompatibility {
    /** Bound on chains of pointers/arrays, as libbpf's recursion depth. */
    private static final int MAX_DEPTH = 32;

    private TypeCompatibility() {
    }

    /**
     * Whether a local field's type and a target field's type are compatible for a field access:
     * two composites (struct and union mix); same kind otherwise (enum and enum64 mix); pointers
     * and floats always; FWDs and enums when their essential names agree or one is anonymous;
     * integers without a bit offset; arrays when their element types are compatible.
     */
    public static boolean fieldsCompatible(Btf localBtf, int localId, Btf targetBtf, int targetId) {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            BtfType local = BtfTypes.skipped(localBtf, localId);
            BtfType target = BtfTypes.skipped(targetBtf, targetId);
            if (BtfTypes.isComposite(local) && BtfTypes.isComposite(target)) {
                return true;
            }
            if (!BtfTypes.kindsCompatible(local.kind(), target.kind())) {
                return false;
            }
            switch (local.kind()) {
                case PTR: case FLOAT:
                    return true;
                case FWD: case ENUM: case ENUM64:
                    return namesCompatible(local.name(), target.name());
                case INT:
                    return ((BtfType.Int) local).bitOffset() == 0 && ((BtfType.Int) target).bitOffset() == 0;
                case ARRAY:
                    localId = ((BtfType.Array) local).elementType();
                    targetId = ((BtfType.Array) target).elementType();
                    break;
                default:
                    return false;
            }
        }
        throw new InvalidRelocationException("array types nest deeper than " + MAX_DEPTH + " levels");
    }

    /**
     * Whether a local type and a candidate are compatible for a type-based relocation: same kind
     * before and after skipping typedefs/modifiers (enum and enum64 mix); composites, enums and
     * FWDs by name only (the caller matched names); integers without a bit offset; pointers and
     * arrays by their target types; function prototypes by arity, parameters and return type.
     */
    public static boolean typesCompatible(Btf localBtf, int localId, Btf targetBtf, int targetId) {
        return typesCompatible(localBtf, localId, targetBtf, targetId, MAX_DEPTH);
    }

    private static boolean typesCompatible(Btf localBtf, int localId, Btf targetBtf, int targetId, int level) {
        if (!BtfTypes.kindsCompatible(BtfTypes.type(localBtf, localId).kind(), BtfTypes.type(targetBtf, targetId).kind())) {
            return false;
        }
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            localId = BtfTypes.skipModsAndTypedefs(localBtf, localId);
            targetId = BtfTypes.skipModsAndTypedefs(targetBtf, targetId);
            BtfType local = BtfTypes.type(localBtf, localId);
            BtfType target = BtfTypes.type(targetBtf, targetId);
            if (!BtfTypes.kindsCompatible(local.kind(), target.kind())) {
                return false;
            }
            switch (local.kind()) {
                case UNKN: case STRUCT: case UNION: case ENUM: case ENUM64: case FWD:
                    return true;
                case INT:
                    return ((BtfType.Int) local).bitOffset() == 0 && ((BtfType.Int) target).bitOffset() == 0;
                case PTR:
                    localId = ((BtfType.Ptr) local).type();
                    targetId = ((BtfType.Ptr) target).type();
                    break;
                case ARRAY:
                    localId = ((BtfType.Array) local).elementType();
                    targetId = ((BtfType.Array) target).elementType();
                    break;
                case FUNC_PROTO: {
                    List<BtfType.Param> lp = ((BtfType.FuncProto) local).params();
                    List<BtfType.Param> tp = ((BtfType.FuncProto) target).params();
                    if (lp.size() != tp.size()) {
                        return false;
                    }
                    for (int i = 0; i < lp.size(); i++) {
                        if (level <= 0) {
                            throw new InvalidRelocationException("function prototypes nest deeper than " + MAX_DEPTH + " levels");
                        }
                        if (!typesCompatible(localBtf, BtfTypes.skipModsAndTypedefs(localBtf, lp.get(i).type()),
                                targetBtf, BtfTypes.skipModsAndTypedefs(targetBtf, tp.get(i).type()), level - 1)) {
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
        throw new InvalidRelocationException("pointer/array/function types nest deeper than " + MAX_DEPTH + " levels");
    }

    /** Names of FWDs and enums: equal without flavors, or one of them anonymous. */
    static boolean namesCompatible(String local, String target) {
        return local.isEmpty() || target.isEmpty() || EssentialName.matches(local, target);
    }
}
