package io.bpf4j.syscall;

/**
 * What the kernel says about a BTF object ({@code struct bpf_btf_info}, from {@link Bpf#btfInfo}).
 *
 * @param id the kernel-wide BTF id
 * @param size size in bytes of the raw BTF
 * @param name the object's name ({@code "vmlinux"}, a module name) or empty for user BTF
 * @param kernelBtf whether this is kernel (vmlinux or module) BTF
 */
public record BtfInfo(int id, int size, String name, boolean kernelBtf) {
}
