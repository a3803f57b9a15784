package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Computes the local and target values of a relocation from the local spec and the matched
 * target spec ({@code null} when nothing matched), as libbpf's {@code bpf_core_calc_relo}:
 * <ul>
 *   <li>FIELD_EXISTS, TYPE_EXISTS, TYPE_MATCHES and ENUMVAL_EXISTS answer 1 or 0; TYPE_SIZE and
 *       TYPE_ID_TARGET answer 0 when nothing matched; the other kinds are poisoned then;</li>
 *   <li>bitfields are read through the smallest aligned 1/2/4/8-byte window containing them,
 *       and the compiler's offset, size and left shift are not checked for them (it may have
 *       chosen another window); signedness and right shift are always checked;</li>
 *   <li>a field whose size changes keeps its load only if both sides are pointers or both are
 *       unsigned integers (zero extension keeps the value).</li>
 * </ul>
 */
public final class RelocationCalculator {
    private RelocationCalculator() {
    }

    /**
     * Computes the values.
     *
     * @param local the local spec
     * @param target the matched target spec, or {@code null} if no candidate matched
     * @return the values
     * @throws InvalidRelocationException when the relocation cannot apply to that access
     */
    public static RelocationValues calculate(AccessSpec local, AccessSpec target) {
        CoreRelocationKind kind = local.kind();
        if (kind.isFieldBased()) {
            FieldValue l = field(local, kind);
            FieldValue t = target == null ? null : field(target, kind);
            if (kind == CoreRelocationKind.FIELD_EXISTS) {
                return new RelocationValues(1, target == null ? 0 : 1, false, null, true, 0, 0, false, target);
            }
            if (t == null) {
                return poisoned(l.value(), "no field matching " + local.describe() + " in the target");
            }
            boolean unsafe = false;
            if (l.memSize() != t.memSize()) {
                BtfType lt = BtfTypes.type(local.btf(), l.memTypeId());
                BtfType tt = BtfTypes.type(target.btf(), t.memTypeId());
                boolean pointers = lt instanceof BtfType.Ptr && tt instanceof BtfType.Ptr;
                boolean unsignedInts = lt instanceof BtfType.Int li && tt instanceof BtfType.Int ti
                        && li.encoding() != BtfType.Int.SIGNED && ti.encoding() != BtfType.Int.SIGNED;
                unsafe = !pointers && !unsignedInts;
            }
            return new RelocationValues(l.value(), t.value(), false, null, l.validate(), l.memSize(), t.memSize(), unsafe, target);
        }
        if (kind.isTypeBased()) {
            long localValue = typeValue(local, kind);
            // The compiler's type id may have been renumbered by linking: never check it.
            boolean validate = kind != CoreRelocationKind.TYPE_ID_TARGET && kind != CoreRelocationKind.TYPE_ID_LOCAL;
            long targetValue = target == null ? 0 : typeValue(target, kind);
            return new RelocationValues(localValue, targetValue, false, null, validate, 0, 0, false, target);
        }
        long localValue = enumValue(local, kind);
        if (target == null && kind == CoreRelocationKind.ENUMVAL_VALUE) {
            return poisoned(localValue, "no enumerator matching " + local.describe() + " in the target");
        }
        long targetValue = target == null ? 0 : enumValue(target, kind);
        return new RelocationValues(localValue, targetValue, false, null, true, 0, 0, false, target);
    }

    private static RelocationValues poisoned(long localValue, String reason) {
        return new RelocationValues(localValue, 0, true, reason, false, 0, 0, false, null);
    }

    /** A field-based value, with the memory size and type the load of that field uses. */
    private record FieldValue(long value, int memSize, int memTypeId, boolean validate) {
    }

    private static FieldValue field(AccessSpec spec, CoreRelocationKind kind) {
        if (kind == CoreRelocationKind.FIELD_EXISTS) {
            return new FieldValue(1, 0, 0, true);
        }
        Btf btf = spec.btf();
        Accessor last = spec.lastAccessor();
        if (last.isIndex()) {
            // An array element (or the root itself): only its offset and size make sense.
            long size = BtfTypes.size(btf, last.typeId());
            switch (kind) {
                case FIELD_BYTE_OFFSET:
                    return new FieldValue(spec.bitOffset() / 8, (int) size, last.typeId(), true);
                case FIELD_BYTE_SIZE:
                    return new FieldValue(size, 0, 0, true);
                default:
                    throw new InvalidRelocationException(kind + " cannot apply to an array element (" + spec.describe() + ")");
            }
        }
        BtfType owner = BtfTypes.type(btf, last.typeId());
        BtfType.Member m = BtfTypes.members(owner).get(last.index());
        int fieldTypeId = BtfTypes.skipModsAndTypedefs(btf, m.type());
        BtfType fieldType = BtfTypes.type(btf, fieldTypeId);
        long bitOffset = spec.bitOffset();
        long bitSize = m.bitfieldSize();
        boolean bitfield = bitSize > 0;
        long byteSize;
        long byteOffset;
        if (bitfield) {
            byteSize = BtfTypes.size(btf, fieldTypeId);
            if (byteSize <= 0) {
                throw new InvalidRelocationException("bitfield " + spec.describe() + " has a type without size");
            }
            byteOffset = bitOffset / 8 / byteSize * byteSize;
            // Grow the window until the whole bitfield fits in one aligned load.
            while (bitOffset + bitSize - byteOffset * 8 > byteSize * 8) {
                if (byteSize >= 8) {
                    throw new InvalidRelocationException("bitfield " + spec.describe() + " cannot be read with one 64-bit load");
                }
                byteSize *= 2;
                byteOffset = bitOffset / 8 / byteSize * byteSize;
            }
        } else {
            byteSize = BtfTypes.size(btf, fieldTypeId);
            byteOffset = bitOffset / 8;
            bitSize = byteSize * 8;
        }
        switch (kind) {
            case FIELD_BYTE_OFFSET:
                return bitfield
                        ? new FieldValue(byteOffset, 0, 0, false)
                        : new FieldValue(byteOffset, (int) byteSize, fieldTypeId, true);
            case FIELD_BYTE_SIZE:
                return new FieldValue(byteSize, 0, 0, !bitfield);
            case FIELD_SIGNED: {
                boolean signed = BtfTypes.isAnyEnum(fieldType) ? BtfTypes.isSignedEnum(fieldType)
                        : fieldType instanceof BtfType.Int i && i.isSigned();
                return new FieldValue(signed ? 1 : 0, 0, 0, true);
            }
            case FIELD_LSHIFT_U64: {
                // The BPF program's byte order is its BTF's (clang writes both in the target's order).
                long shift = btf.order() == ByteOrder.LITTLE_ENDIAN
                        ? 64 - (bitOffset + bitSize - byteOffset * 8)
                        : (8 - byteSize) * 8 + (bitOffset - byteOffset * 8);
                return new FieldValue(shift, 0, 0, !bitfield);
            }
            case FIELD_RSHIFT_U64:
                return new FieldValue(64 - bitSize, 0, 0, true);
            default:
                throw new IllegalStateException("not a field kind: " + kind);
        }
    }

    private static long typeValue(AccessSpec spec, CoreRelocationKind kind) {
        switch (kind) {
            case TYPE_ID_LOCAL: case TYPE_ID_TARGET:
                return spec.rootTypeId();
            case TYPE_EXISTS: case TYPE_MATCHES:
                return 1;
            case TYPE_SIZE:
                return BtfTypes.size(spec.btf(), spec.rootTypeId());
            default:
                throw new IllegalStateException("not a type kind: " + kind);
        }
    }

    private static long enumValue(AccessSpec spec, CoreRelocationKind kind) {
        if (kind == CoreRelocationKind.ENUMVAL_EXISTS) {
            return 1;
        }
        Accessor a = spec.accessor(0);
        List<BtfType.EnumValue> values = BtfTypes.enumValues(BtfTypes.type(spec.btf(), a.typeId()));
        return values.get(a.index()).value();
    }
}
