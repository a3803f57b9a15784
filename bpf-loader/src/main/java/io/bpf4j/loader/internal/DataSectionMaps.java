package io.bpf4j.loader.internal;


/**
 * How a data section ({@code .rodata}, {@code .bss}, {@code .data.foo} ...)
 * becomes a kernel map: a one-element array whose value is the section, named
 * as libbpf names it so tools such as {@code bpftool map} show the same names.
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
     * The kernel name of a data section's map, as libbpf forms it
     * ({@code internal_map_name}): up to 8 characters of the object name and
     * then the section name ({@code "bootstra.rodata"}); a section with its own
     * suffix ({@code .data.foo}) keeps just its name, since the object prefix
     * would leave no room to tell such sections apart.
     *
     * @param objectName the object's name
     * @param section    the section's name
     * @return a name of at most 15 valid characters
     */
    public static String kernelName(String objectName, String section) {
        int prefixLength = section.indexOf('.', 1) >= 0 ? 0 : Math.min(8, objectName.length());
        String name = objectName.substring(0, prefixLength) + section;
        return sanitize(name);
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
