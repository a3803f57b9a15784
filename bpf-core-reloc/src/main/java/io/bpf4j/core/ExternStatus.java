package io.bpf4j.core;

/**
 * What an offline {@link CoreReport} can say about one extern of an object against a target BTF.
 */
public enum ExternStatus {
    /** A typed {@code __ksym} variable or a kfunc whose name the target BTF has (VAR or FUNC). */
    FOUND,
    /** A typed {@code __ksym} or a kfunc the target BTF lacks: a weak one reads 0, any other fails the load. */
    MISSING,
    /**
     * Found by name, but its type (a variable's) or prototype (a kfunc's) is not compatible with
     * the target's, by libbpf's {@code bpf_core_types_are_compat}: fails the load, except for a
     * weak kfunc, which then counts as missing.
     */
    INCOMPATIBLE,
    /**
     * Not decidable from BTF: {@code __kconfig} values come from the kernel's configuration and
     * untyped {@code __ksym}s from {@code /proc/kallsyms}; both are resolved at load.
     */
    RESOLVED_AT_LOAD
}
