package io.bpf4j.elf.object;

/**
 * The ELF binding of a function symbol ({@code STB_LOCAL}, {@code STB_GLOBAL}, {@code STB_WEAK}),
 * which decides its role in a BPF object: a local ({@code static}) function is always a
 * subprogram; a global or weak function in a program section is an entry program; in
 * {@code .text} it is a global subprogram, verified on its own by the kernel.
 */
public enum SymbolBinding {
    /** {@code STB_LOCAL}: a {@code static} function. */
    LOCAL,
    /** {@code STB_GLOBAL}. */
    GLOBAL,
    /** {@code STB_WEAK}: {@code __weak}, replaceable when objects are linked together. */
    WEAK
}
