package io.bpf4j.core;

/**
 * How one CO-RE relocation of an offline {@link CoreReport} came out against the target BTF.
 */
public enum RelocationStatus {
    /** The instruction would hold the target's value (for existence kinds possibly 0). */
    RESOLVED,
    /**
     * The instruction would be poisoned (libbpf's call of {@code 0xbad2310}): harmless if the
     * program never reaches it, a verifier rejection otherwise.
     */
    POISONED,
    /**
     * Several candidate types of the target match with different answers: libbpf fails the
     * load ("field offset ambiguity" / "relocation decision ambiguity"), so does bpf4j.
     */
    AMBIGUOUS,
    /** The relocation itself is invalid (malformed, or contradicting the instruction): the load fails. */
    INVALID
}
