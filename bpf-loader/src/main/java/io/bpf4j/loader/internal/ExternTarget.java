package io.bpf4j.loader.internal;

/**
 * What one extern of an object resolved to in the running kernel, i.e. what its instructions
 * get (libbpf's {@code struct extern_desc} after {@code bpf_object__resolve_externs}).
 */
public sealed interface ExternTarget {
    /**
     * A {@code __kconfig} variable: a value in the {@code .kconfig} map.
     *
     * @param offset its offset in the map's value
     */
    record KconfigValue(int offset) implements ExternTarget {
    }

    /**
     * A typed {@code __ksym} variable or a kfunc, by its BTF id in vmlinux or a module.
     *
     * @param module       {@value KernelBtfs#VMLINUX} or the module's name
     * @param btfId        the VAR's or FUNC's id in that BTF
     * @param btfObjectFd  the module BTF's fd for an {@code ld_imm64}, 0 for vmlinux
     * @param fdArrayIndex the module BTF's index in the program's {@code fd_array} for a kfunc
     *                     call's {@code off}, 0 for vmlinux
     */
    record KernelBtfId(String module, int btfId, int btfObjectFd, int fdArrayIndex) implements ExternTarget {
    }

    /**
     * An untyped ({@code const void}) {@code __ksym} variable: its address from kallsyms.
     *
     * @param address the symbol's address
     */
    record Address(long address) implements ExternTarget {
    }

    /**
     * A {@code __weak} ksym or kfunc the kernel does not have: variables read as 0 (so
     * {@code bpf_ksym_exists()} is false), calls are poisoned.
     *
     * @param index  the extern's index in libbpf's order (kconfig ones first, then by name),
     *               which the poisoned call carries
     * @param reason why, e.g. "not found in the kernel's BTF"
     */
    record Absent(int index, String reason) implements ExternTarget {
    }
}
