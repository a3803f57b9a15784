package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * One BPF function of the object as written ({@code STT_FUNC} symbol), before linking: an entry
 * program, or a subprogram that linking copies into the programs that call it.
 *
 * @param name the symbol's name
 * @param sectionName the executable section holding it ({@code .text} for most subprograms)
 * @param sectionOffset its byte offset in the section
 * @param slotCount its length in 8-byte slots
 * @param binding local ({@code static}), global or weak
 * @param program true for an entry program (a global or weak function outside {@code .text})
 */
public record FunctionSpec(String name, String sectionName, int sectionOffset, int slotCount, SymbolBinding binding,
        boolean program) {
    /** Validates the fields. */
    public FunctionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectionName, "sectionName");
        Objects.requireNonNull(binding, "binding");
    }
}
