package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * An extern the object declares, whether or not an instruction uses it: a {@code __kconfig}
 * variable, a {@code __ksym} variable (typed, with a BTF type to match against the kernel's,
 * or untyped {@code const void}, resolved by address through kallsyms), or a kfunc. Resolving
 * against the running kernel belongs to the loader; {@link ExternReference} lists the
 * instructions to patch.
 *
 * @param name the symbol's name
 * @param kind what it stands for
 * @param weak true for {@code __weak} externs, which may stay unresolved (then 0)
 * @param typed false for a {@code __ksym} variable declared {@code void} (untyped, by address only)
 * @param btfTypeId the id of the extern's {@code VAR} or {@code FUNC} in the object's BTF
 * @param size the variable's size in bytes (0 for untyped variables and functions)
 */
public record ExternSpec(String name, ExternKind kind, boolean weak, boolean typed, int btfTypeId, int size) {
    /** Validates the fields. */
    public ExternSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
