package io.bpf4j.core;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.core.internal.AccessSpec;
import io.bpf4j.core.internal.AccessSpecParser;
import io.bpf4j.core.internal.Accessor;
import io.bpf4j.core.internal.BtfTypes;
import io.bpf4j.core.internal.InvalidRelocationException;
import java.util.Locale;

/**
 * Prints a relocation record's local access the way libbpf's verifier-log fix-up and debug log
 * print it ({@code bpf_core_format_spec} in libbpf's {@code relo_core.c}), so that messages read
 * the same whichever loader produced them:
 * <pre>{@code
 * <byte_off> [7] struct task_struct___x.no_such_field (0:1 @ offset 8)
 * <enumval_value> [12] enum bpf_map_type::BPF_MAP_TYPE_ARENA = 33
 * <type_exists> [20] struct bpf_arena
 * }</pre>
 * The kind in angle brackets uses libbpf's short names, the number is the root type's id in the
 * program's BTF, field accesses end with the raw access string and the field's offset from the
 * root in bytes (with {@code .bit} when not byte aligned).
 */
public final class CoreSpecFormat {
    private CoreSpecFormat() {
    }

    /**
     * Formats one record against the program's BTF.
     *
     * @param localBtf the BTF of the object the record belongs to
     * @param record the relocation record
     * @return the libbpf-style description; if the record does not fit the BTF, the kind, root id
     *     and raw access string with the reason
     */
    public static String format(Btf localBtf, CoreRelocationRecord record) {
        String head = "<" + shortName(record.kind()) + "> [" + Integer.toUnsignedLong(record.typeId()) + "] ";
        AccessSpec spec;
        try {
            spec = AccessSpecParser.parse(localBtf, record.typeId(), record.accessString(), record.kind());
        } catch (InvalidRelocationException e) {
            return head + "\"" + record.accessString() + "\" (" + e.getMessage() + ")";
        }
        StringBuilder sb = new StringBuilder(head).append(BtfTypes.describe(localBtf, record.typeId()));
        CoreRelocationKind kind = record.kind();
        if (kind.isEnumValueBased()) {
            Accessor enumerator = spec.accessor(0);
            BtfType type = localBtf.type(enumerator.typeId());
            BtfType.EnumValue value = BtfTypes.enumValues(type).get(enumerator.index());
            sb.append("::").append(value.name()).append(" = ").append(enumeratorValue(type, value.value()));
        } else if (kind.isFieldBased()) {
            for (int i = 0; i < spec.length(); i++) {
                Accessor a = spec.accessor(i);
                if (!a.isIndex()) {
                    sb.append('.').append(a.name());
                } else if (i > 0 || a.index() > 0) {
                    sb.append('[').append(Integer.toUnsignedLong(a.index())).append(']');
                }
            }
            sb.append(" (");
            int[] raw = spec.raw();
            for (int i = 0; i < raw.length; i++) {
                sb.append(i == 0 ? "" : ":").append(raw[i]);
            }
            long bits = spec.bitOffset();
            sb.append(" @ offset ").append(bits / 8);
            if (bits % 8 != 0) {
                sb.append('.').append(bits % 8);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** {@return libbpf's short name of a kind ({@code core_relo_kind_str}), e.g. "byte_off"} */
    public static String shortName(CoreRelocationKind kind) {
        switch (kind) {
            case FIELD_BYTE_OFFSET:
                return "byte_off";
            case FIELD_BYTE_SIZE:
                return "byte_sz";
            case TYPE_ID_LOCAL:
                return "local_type_id";
            case TYPE_ID_TARGET:
                return "target_type_id";
            default:
                // field_exists, signed, lshift_u64, rshift_u64, type_exists, type_size,
                // enumval_exists, enumval_value, type_matches: the enum name in lower case.
                String name = kind.name().toLowerCase(Locale.ROOT);
                return name.startsWith("field_") && kind != CoreRelocationKind.FIELD_EXISTS
                        ? name.substring("field_".length()) : name;
        }
    }

    /** Signed or unsigned as the enum's BTF says, in the enum's width. */
    private static String enumeratorValue(BtfType type, long value) {
        if (type instanceof BtfType.Enum e) {
            return e.signed() ? Integer.toString((int) value) : Long.toString(Integer.toUnsignedLong((int) value));
        }
        BtfType.Enum64 e = (BtfType.Enum64) type;
        return e.signed() ? Long.toString(value) : Long.toUnsignedString(value);
    }
}
