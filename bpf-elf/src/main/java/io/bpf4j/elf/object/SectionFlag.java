package io.bpf4j.elf.object;

/**
 * What libbpf's section table says about a program besides its types: the {@code SEC_*} bits
 * of {@code enum sec_def_flags} in libbpf's {@code libbpf.c} ({@code SEC_ATTACHABLE_OPT} is
 * {@link #ATTACHABLE} plus {@link #EXPECTED_ATTACH_TYPE_OPTIONAL}).
 */
public enum SectionFlag {
    /**
     * {@code SEC_EXP_ATTACH_OPT}: the expected attach type may be left out at load when the kernel
     * is too old to know it (libbpf retries without it).
     */
    EXPECTED_ATTACH_TYPE_OPTIONAL,
    /** {@code SEC_ATTACHABLE}: attached with {@code BPF_PROG_ATTACH}, so the expected attach type is given at load. */
    ATTACHABLE,
    /** {@code SEC_ATTACH_BTF}: the part after the prefix names a kernel BTF function or type, resolved at load. */
    ATTACH_BTF,
    /** {@code SEC_SLEEPABLE}: loaded with {@code BPF_F_SLEEPABLE} (the {@code .s} variants, and {@code syscall}). */
    SLEEPABLE,
    /** {@code SEC_XDP_FRAGS}: loaded with {@code BPF_F_XDP_HAS_FRAGS} (multi-buffer XDP). */
    XDP_FRAGS,
    /** {@code SEC_USDT}: a USDT probe; auto-attach needs the USDT spec of the target binary. */
    USDT
}
