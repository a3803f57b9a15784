package io.bpf4j.loader.internal;

/**
 * The C types a {@code __kconfig} extern may have, as libbpf sorts them ({@code enum kcfg_type}
 * in libbpf.c, {@code find_kcfg_type}): each decides which Kconfig values it accepts.
 */
public enum KconfigType {
    /** {@code bool} (a 1-byte BTF INT with the BOOL encoding): {@code y} or {@code n}, or 0/1. */
    BOOL,
    /** Any other 1-byte integer ({@code char}): {@code y}/{@code n}/{@code m} as characters, or a number. */
    CHAR,
    /** {@code enum libbpf_tristate}: {@code n} = 0, {@code y} = 1, {@code m} = 2. */
    TRISTATE,
    /** An integer of 2, 4 or 8 bytes, signed or not: a number that must fit. */
    INT,
    /** An array of {@code char}: a quoted string, truncated to the array with a NUL. */
    CHAR_ARRAY
}
