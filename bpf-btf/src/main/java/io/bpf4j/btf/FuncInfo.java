package io.bpf4j.btf;

/**
 * One {@code struct bpf_func_info} record of {@code .BTF.ext} ({@code linux/bpf.h}): where a
 * function starts and its BTF FUNC.
 *
 * @param insnOffset the function's start; in an object file, in bytes from the start of its ELF
 *     section (the kernel wants instruction units: divide by 8 after linking)
 * @param typeId the FUNC's type id in the object's {@code .BTF}
 */
public record FuncInfo(int insnOffset, int typeId) {
}
