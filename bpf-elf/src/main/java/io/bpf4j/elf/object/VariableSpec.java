package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * A variable inside a data section.
 *
 * @param name the variable's name (static variables included)
 * @param offset its byte offset within the section
 * @param size its size in bytes
 * @param btfTypeId the id of the variable's type in the object's BTF (what the {@code VAR}
 *     points to, not the {@code VAR} itself); 0 without BTF
 */
public record VariableSpec(String name, int offset, int size, int btfTypeId) {
    /** Validates the name. */
    public VariableSpec {
        Objects.requireNonNull(name, "name");
    }
}
