package io.bpf4j.loader.internal;

import io.bpf4j.elf.insn.Instruction;
import java.util.List;

/**
 * A program's instructions with its extern references resolved.
 *
 * @param instructions the patched program
 * @param poisoned     the calls of absent weak kfuncs, poisoned as libbpf poisons them
 */
public record ExternPatch(List<Instruction> instructions, List<PoisonedInstruction> poisoned) {
    /** Copies the lists. */
    public ExternPatch {
        instructions = List.copyOf(instructions);
        poisoned = List.copyOf(poisoned);
    }
}
