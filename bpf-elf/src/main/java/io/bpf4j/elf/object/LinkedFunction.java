package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * One function placed in a linked program: the entry function first, then each subprogram the
 * program calls (directly, transitively, or as a callback), once.
 *
 * @param name the function's symbol name
 * @param sectionName the ELF section it was copied from ({@code .text} for most subprograms)
 * @param sectionOffset its byte offset within that section
 * @param slot where it starts in the linked program, in 8-byte slots
 * @param slotCount its length in 8-byte slots
 */
public record LinkedFunction(String name, String sectionName, int sectionOffset, int slot, int slotCount) {
    /** Validates the names. */
    public LinkedFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectionName, "sectionName");
    }
}
