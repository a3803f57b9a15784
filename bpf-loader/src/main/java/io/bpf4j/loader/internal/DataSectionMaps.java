package io.bpf4j.loader.internal;


/**
 * How a data section ({@code .rodata}, {@code .bss}, {@code .data.foo} ...)
 * becomes a kernel map: a one-element, mmap-able array whose value is the
 * section (its name comes from {@code DataSectionSpec.kernelMapName}).
 */
public final class DataSectionMaps {
    /** BPF_F_RDONLY_PROG (UAPI linux/bpf.h, 5.2): programs may not write the map. */
    public static final int BPF_F_RDONLY_PROG = 1 << 7;
    /** BPF_F_MMAPABLE (UAPI linux/bpf.h, 5.5): the array can be mmap()ed. */
    public static final int BPF_F_MMAPABLE = 1 << 10;

    private DataSectionMaps() {
    }

    /**
     * Flags of a data section's map: always mmap-able; read-only for programs
     * when it is {@code .rodata}.
     *
     * @param readOnly a {@code .rodata} section
     * @return BPF_F_* flags
     */
    public static int flags(boolean readOnly) {
        return BPF_F_MMAPABLE | (readOnly ? BPF_F_RDONLY_PROG : 0);
    }
}
