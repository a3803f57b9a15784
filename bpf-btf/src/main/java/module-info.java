/**
 * BPF Type Format (BTF): a lazy, immutable model of raw BTF (a {@code .BTF} section, kernel or
 * module BTF from {@code /sys/kernel/btf}) and of the {@code .BTF.ext} section clang writes into
 * BPF objects, plus the small edits a loader must make before {@code BPF_BTF_LOAD}.
 *
 * <p>This module makes no system call and depends on nothing but {@code java.base}.
 */
module io.bpf4j.btf {
    exports io.bpf4j.btf;
}
