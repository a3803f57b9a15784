package io.bpf4j.loader.internal;


/**
 * How a data section ({@code .rodata}, {@code .bss}, {@code .data.foo} ...)
 * becomes a kernel map: a one-element, mmap-able array whose value is the
 * section (its name comes from {@code DataSectionSpec.kernelMapName}), and
 * how any name becomes a valid kernel object name.
 */
public final class DataSectionMaps {
    /** BPF_OBJ_NAME_LEN - 1: kernel object names are at most 15 characters (UAPI linux/bpf.h). */
    public static final int MAX_NAME = 15;
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

    /**
     * Cuts a name to 15 characters and replaces what the kernel refuses in
     * object names (anything but letters, digits, '_' and '.') with '_'.
     *
     * @param name any name
     * @return a valid kernel object name
     */
    public static String sanitize(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_NAME));
        for (int i = 0; i < name.length() && out.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
