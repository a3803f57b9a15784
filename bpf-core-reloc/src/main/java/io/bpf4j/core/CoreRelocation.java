package io.bpf4j.core;

import io.bpf4j.elf.insn.Instruction;
import java.util.List;
import java.util.Objects;

/**
 * A program after CO-RE relocation: its new instructions and one report per relocation record,
 * in record order. Immutable.
 *
 * <p>The instructions occupy exactly the slots the input occupied: a patched instruction keeps
 * its size, and a poisoned {@code ld_imm64} (two slots) becomes two one-slot calls, so the list
 * may be longer than the input by the number of poisoned {@code ld_imm64}s while every jump
 * offset and slot position stays valid.
 *
 * @param programName the program's name
 * @param instructions the relocated instructions
 * @param results the report, one entry per relocation record
 */
public record CoreRelocation(String programName, List<Instruction> instructions, List<CoreRelocationResult> results) {
    /** Copies the lists. */
    public CoreRelocation {
        Objects.requireNonNull(programName, "programName");
        instructions = List.copyOf(instructions);
        results = List.copyOf(results);
    }

    /**
     * Returns the list index of the instruction starting at a slot. Slots do not move during
     * relocation, so this translates an index of the input list (via its slot) into an index of
     * {@link #instructions()}, which differ after a poisoned {@code ld_imm64}.
     *
     * @param slot a slot (8-byte unit) of the program
     * @return the index in {@link #instructions()}, or -1 if no instruction starts there
     */
    public int indexOfSlot(int slot) {
        int s = 0;
        for (int i = 0; i < instructions.size() && s <= slot; i++) {
            if (s == slot) {
                return i;
            }
            s += instructions.get(i).slots();
        }
        return -1;
    }

    /** {@return the reports of the relocations whose instruction was poisoned} */
    public List<CoreRelocationResult> poisoned() {
        return results.stream().filter(r -> !r.resolved()).toList();
    }
}
