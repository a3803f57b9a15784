package io.bpf4j.elf.object;

/**
 * What an extern symbol ({@code SHN_UNDEF}) of a BPF object stands for, decided by the BTF
 * {@code DATASEC} clang puts it in (libbpf's {@code bpf_object__collect_externs}).
 */
public enum ExternKind {
    /** A {@code __kconfig} variable (DATASEC {@code .kconfig}): the loader supplies its value. */
    KCONFIG,
    /** A {@code __ksym} variable (DATASEC {@code .ksyms}): a kernel variable, by BTF id or kallsyms address. */
    KSYM,
    /** A {@code __ksym} function: a kfunc, called with {@code src = BPF_PSEUDO_KFUNC_CALL} and its BTF id. */
    FUNCTION
}
