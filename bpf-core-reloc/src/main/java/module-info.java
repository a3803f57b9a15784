/**
 * CO-RE ("compile once, run everywhere") for bpf4j: relocates the field offsets, sizes,
 * existence checks, type ids and enum values that clang recorded in a BPF object's
 * {@code .BTF.ext} so that the program reads the target kernel's types correctly, following
 * libbpf's rules. The target is any {@link io.bpf4j.btf.Btf}: the running kernel's, or another
 * one for offline reports.
 *
 * <p>The API is {@link io.bpf4j.core.CoreRelocator}. This module makes no system call.
 */
module io.bpf4j.core {
    requires transitive io.bpf4j.btf;
    requires transitive io.bpf4j.elf;

    exports io.bpf4j.core;
}
