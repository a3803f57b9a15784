package io.bpf4j.core;

/**
 * What happened to one relocated instruction.
 */
public sealed interface CoreRelocationOutcome {

    /**
     * The instruction now holds the target's value. For the existence kinds a missing field,
     * type or enumerator also resolves (to 0), as do TYPE_SIZE and TYPE_ID_TARGET of a missing
     * type.
     *
     * @param localValue the value the compiler computed against the program's own BTF
     * @param value the value written into the instruction
     * @param targetSpec what matched in the target, e.g. "struct task_struct.pid"; empty when
     *     nothing matched
     */
    record Resolved(long localValue, long value, String targetSpec) implements CoreRelocationOutcome {
        @Override
        public String toString() {
            return localValue == value ? "resolved " + value : "resolved " + localValue + " -> " + value;
        }
    }

    /**
     * The instruction was replaced by a call of the invalid helper {@code 0xbad2310}: harmless
     * in code the program never reaches (behind an existence check), rejected by the verifier
     * with "invalid func unknown#195896080" otherwise.
     *
     * @param reason why it could not be resolved
     */
    record Poisoned(String reason) implements CoreRelocationOutcome {
        @Override
        public String toString() {
            return "poisoned: " + reason;
        }
    }
}
