package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * An instruction of a linked program that uses an extern symbol: an {@code ld_imm64} of a
 * {@code __kconfig} or {@code __ksym} variable, or a call of a kfunc. Modelled only: resolving
 * against the running kernel belongs to the loader.
 *
 * @param instructionIndex the index of the instruction in {@link ProgramSpec#instructions()} (a list index, not a slot)
 * @param name the symbol's name
 * @param kind what the symbol stands for
 * @param weak true for {@code __weak} externs, which may stay unresolved
 * @param btfTypeId the id of the extern's {@code VAR} or {@code FUNC} in the object's BTF, 0 if none
 */
public record ExternReference(int instructionIndex, String name, ExternKind kind, boolean weak, int btfTypeId) {
    /** Validates the fields. */
    public ExternReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
