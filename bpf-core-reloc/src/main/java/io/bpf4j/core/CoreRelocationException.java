package io.bpf4j.core;

import io.bpf4j.btf.CoreRelocationRecord;

/**
 * A CO-RE relocation that is invalid, as opposed to merely unresolvable (which poisons the
 * instruction): a malformed access string, a type id outside the program's BTF, an instruction
 * that does not hold the value the compiler should have written, two candidate types giving
 * different answers. The message names the program, the instruction slot and the relocation,
 * e.g. {@code prog 'handle_exec': CO-RE relocation #3 (FIELD_BYTE_OFFSET [7] "0:92") at insn #12:
 * field offset ambiguity: ...}.
 */
public final class CoreRelocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String programName;
    private final int slot;
    private final int relocationIndex;
    private final transient CoreRelocationRecord record;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param programName the program being relocated
     * @param slot the instruction's slot (8-byte units), or -1 when the record's offset does not
     *     designate an instruction
     * @param relocationIndex the record's index in the program's relocation list
     * @param record the record
     * @param reason what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    public CoreRelocationException(String programName, int slot, int relocationIndex, CoreRelocationRecord record,
            String reason, Throwable cause) {
        super(format(programName, slot, relocationIndex, record, reason), cause);
        this.programName = programName;
        this.slot = slot;
        this.relocationIndex = relocationIndex;
        this.record = record;
        this.reason = reason;
    }

    private static String format(String programName, int slot, int relocationIndex, CoreRelocationRecord record,
            String reason) {
        return "prog '" + programName + "': CO-RE relocation #" + relocationIndex + " (" + record.kind() + " ["
                + Integer.toUnsignedLong(record.typeId()) + "] \"" + record.accessString() + "\") at "
                + (slot >= 0 ? "insn #" + slot : "byte offset " + record.insnOffset()) + ": " + reason;
    }

    /** {@return the program being relocated} */
    public String programName() {
        return programName;
    }

    /** {@return the instruction's slot, or -1 when the record's offset designates no instruction} */
    public int slot() {
        return slot;
    }

    /** {@return the record's index in the program's relocation list} */
    public int relocationIndex() {
        return relocationIndex;
    }

    /** {@return the offending record} */
    public CoreRelocationRecord record() {
        return record;
    }

    /** {@return what is wrong, without the program and instruction} */
    public String reason() {
        return reason;
    }
}
