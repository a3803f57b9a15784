package io.bpf4j.elf.object;

/** The three kinds of global data section a BPF object has, as libbpf tells them apart by name. */
public enum DataSectionKind {
    /** {@code .data} and {@code .data.*}: initialized, writable. */
    DATA,
    /** {@code .rodata} and {@code .rodata.*} (including string literals): frozen after load, read-only for programs. */
    RODATA,
    /** {@code .bss} and {@code .bss.*}: zero-initialized, writable. */
    BSS
}
