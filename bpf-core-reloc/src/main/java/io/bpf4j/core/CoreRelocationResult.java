package io.bpf4j.core;

import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import java.util.Objects;

/**
 * The report of one CO-RE relocation.
 *
 * @param slot the relocated instruction's position in the program in 8-byte slots
 *     ({@code record.insnOffset() / 8}), the unit of verifier logs and of libbpf's "insn #N"
 * @param record the relocation record that was applied
 * @param localSpec the access in C terms over the program's own BTF, e.g.
 *     "struct task_struct.comm[3]", "enum pid_type::PIDTYPE_TGID", "struct task_struct"
 * @param outcome resolved with a value, or poisoned with a reason
 */
public record CoreRelocationResult(int slot, CoreRelocationRecord record, String localSpec, CoreRelocationOutcome outcome) {
    /** Checks that nothing is null. */
    public CoreRelocationResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(localSpec, "localSpec");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** {@return the relocation kind} */
    public CoreRelocationKind kind() {
        return record.kind();
    }

    /** {@return whether the instruction now holds a value (rather than being poisoned)} */
    public boolean resolved() {
        return outcome instanceof CoreRelocationOutcome.Resolved;
    }

    /**
     * Returns the value written into the instruction.
     *
     * @return the value
     * @throws IllegalStateException if the instruction was poisoned
     */
    public long value() {
        if (outcome instanceof CoreRelocationOutcome.Resolved r) {
            return r.value();
        }
        throw new IllegalStateException("relocation at insn #" + slot + " (" + localSpec + ") was " + outcome);
    }

    /** {@return e.g. "insn #1 FIELD_BYTE_OFFSET struct task_struct.pid: resolved 1264 -> 1268"} */
    @Override
    public String toString() {
        return "insn #" + slot + " " + record.kind() + " " + localSpec + ": " + outcome;
    }
}
