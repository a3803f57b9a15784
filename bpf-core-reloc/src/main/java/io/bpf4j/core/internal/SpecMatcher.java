package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import java.util.List;

/**
 * Finds what a local spec names inside one candidate target type (libbpf's
 * {@code bpf_core_spec_match}):
 * <ul>
 *   <li>type-based kinds: the candidate itself, if {@link TypeCompatibility#typesCompatible
 *       compatible} (or, for TYPE_MATCHES, if it {@link TypeMatching#matches matches});</li>
 *   <li>enum kinds: the enumerator with the same essential name;</li>
 *   <li>field kinds: each named step is looked up by exact name, descending into anonymous
 *       struct/union members, and must have a compatible type; each index step must land in an
 *       array with enough elements (any number for a flexible array).</li>
 * </ul>
 */
public final class SpecMatcher {
    private SpecMatcher() {
    }

    /**
     * Matches a local spec against a candidate.
     *
     * @param local the local spec
     * @param targetBtf the target BTF
     * @param candidateId the candidate root type in the target
     * @return the target spec, or {@code null} if the candidate does not match
     * @throws InvalidRelocationException on malformed target types or too deep nesting
     */
    public static AccessSpec match(AccessSpec local, Btf targetBtf, int candidateId) {
        CoreRelocationKind kind = local.kind();
        AccessSpec target = new AccessSpec(targetBtf, candidateId, kind);
        if (kind.isTypeBased()) {
            boolean ok = kind == CoreRelocationKind.TYPE_MATCHES
                    ? TypeMatching.matches(local.btf(), local.rootTypeId(), targetBtf, candidateId)
                    : TypeCompatibility.typesCompatible(local.btf(), local.rootTypeId(), targetBtf, candidateId);
            return ok ? target : null;
        }
        if (kind.isEnumValueBased()) {
            return matchEnumerator(local, target, targetBtf, candidateId) ? target : null;
        }
        int targetId = candidateId;
        for (int i = 0; i < local.length(); i++) {
            Accessor step = local.accessor(i);
            targetId = BtfTypes.skipModsAndTypedefs(targetBtf, targetId);
            BtfType targetType = BtfTypes.type(targetBtf, targetId);
            if (!step.isIndex()) {
                int next = matchMember(local.btf(), step, targetBtf, targetId, target);
                if (next < 0) {
                    return null;
                }
                targetId = next;
                continue;
            }
            // The first index applies to the root itself; later ones need an array here.
            if (i > 0) {
                if (!(targetType instanceof BtfType.Array array)) {
                    return null;
                }
                boolean flexible = AccessSpecParser.isFlexibleArray(targetBtf, target.lastAccessor(), array);
                if (!flexible && Integer.toUnsignedLong(step.index()) >= array.elementCountUnsigned()) {
                    return null;
                }
                targetId = BtfTypes.skipModsAndTypedefs(targetBtf, array.elementType());
            }
            target.pushRaw(step.index());
            target.addAccessor(new Accessor(targetId, step.index(), null));
            long size = BtfTypes.sizeOrMinusOne(targetBtf, targetId);
            if (size < 0) {
                throw new InvalidRelocationException("candidate " + BtfTypes.describe(targetBtf, candidateId) + " ["
                        + candidateId + "]: element type [" + targetId + "] has no size");
            }
            target.addBits(step.index() * size * 8);
        }
        return target;
    }

    private static boolean matchEnumerator(AccessSpec local, AccessSpec target, Btf targetBtf, int candidateId) {
        int enumId = BtfTypes.skipModsAndTypedefs(targetBtf, candidateId);
        BtfType t = BtfTypes.type(targetBtf, enumId);
        if (!BtfTypes.isAnyEnum(t)) {
            return false;
        }
        String wanted = local.accessor(0).name();
        List<BtfType.EnumValue> values = BtfTypes.enumValues(t);
        for (int i = 0; i < values.size(); i++) {
            if (EssentialName.matches(wanted, values.get(i).name())) {
                target.pushRaw(i);
                target.addAccessor(new Accessor(enumId, i, values.get(i).name()));
                return true;
            }
        }
        return false;
    }

    /**
     * Looks for the local named member in a target struct/union, through anonymous members,
     * appending raw steps and bits to the target spec as it goes (and undoing them on a miss).
     *
     * @return the matched member's type id, or -1 when not found or incompatible
     */
    private static int matchMember(Btf localBtf, Accessor localStep, Btf targetBtf, int targetId, AccessSpec target) {
        int ownerId = BtfTypes.skipModsAndTypedefs(targetBtf, targetId);
        BtfType owner = BtfTypes.type(targetBtf, ownerId);
        if (!BtfTypes.isComposite(owner)) {
            return -1;
        }
        BtfType.Member localMember = BtfTypes.members(BtfTypes.type(localBtf, localStep.typeId())).get(localStep.index());
        List<BtfType.Member> members = BtfTypes.members(owner);
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            target.pushRaw(i);
            target.addBits(m.bitOffset());
            if (m.name().isEmpty()) {
                int found = matchMember(localBtf, localStep, targetBtf, m.type(), target);
                if (found >= 0) {
                    return found;
                }
            } else if (m.name().equals(localMember.name())) {
                // Found by name: the answer is final, compatible or not (no second field of that name).
                if (TypeCompatibility.fieldsCompatible(localBtf, localMember.type(), targetBtf, m.type())) {
                    target.addAccessor(new Accessor(ownerId, i, m.name()));
                    return m.type();
                }
                target.addBits(-m.bitOffset());
                target.popRaw();
                return -1;
            }
            target.addBits(-m.bitOffset());
            target.popRaw();
        }
        return -1;
    }
}
