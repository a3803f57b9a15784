package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import java.util.List;

/**
 * Turns a relocation record's access string into an {@link AccessSpec} over the local BTF,
 * checking every step against the types, as libbpf's {@code bpf_core_parse_spec}:
 * <ul>
 *   <li>type-based kinds must have the access string {@code "0"} and get an empty spec;</li>
 *   <li>enum kinds have one number, the enumerator's index in the (typedef-skipped) enum;</li>
 *   <li>field kinds start with an index on the root ({@code p[0]}), then one number per level:
 *       a member index in a struct/union (anonymous members are walked through without a
 *       meaningful step) or an element index in an array (bounded, except in a flexible array
 *       that is the last member).</li>
 * </ul>
 */
public final class AccessSpecParser {
    private AccessSpecParser() {
    }

    /**
     * Parses an access string.
     *
     * @param btf the local BTF
     * @param typeId the relocation's root type id
     * @param access the access string, e.g. "0:1:2"
     * @param kind the relocation kind
     * @return the local spec
     * @throws InvalidRelocationException if the string or a step does not fit the types
     */
    public static AccessSpec parse(Btf btf, int typeId, String access, CoreRelocationKind kind) {
        BtfTypes.type(btf, typeId);
        AccessSpec spec = new AccessSpec(btf, typeId, kind);
        if (kind.isTypeBased()) {
            if (!access.equals("0")) {
                throw new InvalidRelocationException("access string \"" + access + "\" of a type relocation must be \"0\"");
            }
            return spec;
        }
        int[] steps = numbers(access);
        int rootId = BtfTypes.skipModsAndTypedefs(btf, typeId);
        BtfType root = BtfTypes.type(btf, rootId);
        if (kind.isEnumValueBased()) {
            if (!BtfTypes.isAnyEnum(root) || steps.length != 1) {
                throw new InvalidRelocationException("enum relocation needs an enum and one enumerator index, got "
                        + BtfTypes.describe(btf, typeId) + " + \"" + access + "\"");
            }
            List<BtfType.EnumValue> values = BtfTypes.enumValues(root);
            if (steps[0] >= values.size()) {
                throw new InvalidRelocationException("enumerator index " + steps[0] + " is out of range: "
                        + BtfTypes.describe(btf, rootId) + " has " + values.size());
            }
            spec.pushRaw(steps[0]);
            spec.addAccessor(new Accessor(rootId, steps[0], values.get(steps[0]).name()));
            return spec;
        }
        // Field-based: the first number indexes the root as an array (p[n]).
        spec.pushRaw(steps[0]);
        spec.addAccessor(new Accessor(rootId, steps[0], null));
        spec.addBits(steps[0] * BtfTypes.size(btf, rootId) * 8);
        int id = rootId;
        for (int i = 1; i < steps.length; i++) {
            id = BtfTypes.skipModsAndTypedefs(btf, id);
            BtfType t = BtfTypes.type(btf, id);
            int step = steps[i];
            spec.pushRaw(step);
            if (BtfTypes.isComposite(t)) {
                List<BtfType.Member> members = BtfTypes.members(t);
                if (step >= members.size()) {
                    throw new InvalidRelocationException("member index " + step + " at step " + i + " is out of range: "
                            + BtfTypes.describe(btf, id) + " has " + members.size() + " members");
                }
                BtfType.Member m = members.get(step);
                spec.addBits(m.bitOffset());
                if (!m.name().isEmpty()) {
                    spec.addAccessor(new Accessor(id, step, m.name()));
                }
                id = m.type();
            } else if (t instanceof BtfType.Array a) {
                int elementId = BtfTypes.skipModsAndTypedefs(btf, a.elementType());
                boolean flexible = isFlexibleArray(btf, spec.lastAccessor(), a);
                if (!flexible && Integer.toUnsignedLong(step) >= a.elementCountUnsigned()) {
                    throw new InvalidRelocationException("array index " + step + " at step " + i + " is out of bounds ("
                            + a.elementCountUnsigned() + " elements)");
                }
                spec.addAccessor(new Accessor(elementId, step, null));
                spec.addBits(step * BtfTypes.size(btf, elementId) * 8);
                id = elementId;
            } else {
                throw new InvalidRelocationException("step " + i + " of \"" + access + "\" on " + BtfTypes.describe(btf, typeId)
                        + " reaches " + BtfTypes.describe(btf, id) + " [" + id + "], which is neither struct, union nor array");
            }
        }
        return spec;
    }

    /**
     * Whether an array is a flexible array member: no elements and the last member of the struct
     * the previous (named) step is in.
     */
    static boolean isFlexibleArray(Btf btf, Accessor previous, BtfType.Array array) {
        if (previous.isIndex() || array.elementCount() != 0) {
            return false;
        }
        BtfType owner = BtfTypes.type(btf, previous.typeId());
        return BtfTypes.isComposite(owner) && previous.index() == BtfTypes.members(owner).size() - 1;
    }

    private static int[] numbers(String access) {
        if (access.isEmpty() || access.charAt(0) == ':') {
            throw bad(access);
        }
        String[] parts = access.split(":", -1);
        if (parts.length > AccessSpec.MAX_LENGTH) {
            throw new InvalidRelocationException("access string \"" + access + "\" nests deeper than " + AccessSpec.MAX_LENGTH
                    + " levels");
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw bad(access);
            }
            long v = Long.parseLong(p);
            if (v > Integer.MAX_VALUE) {
                throw bad(access);
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static InvalidRelocationException bad(String access) {
        return new InvalidRelocationException("malformed access string \"" + access + "\" (want numbers separated by ':')");
    }
}
