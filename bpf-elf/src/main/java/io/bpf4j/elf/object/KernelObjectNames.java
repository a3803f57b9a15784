package io.bpf4j.elf.object;

/**
 * The names the kernel accepts for maps and programs ({@code bpf_attr.map_name},
 * {@code prog_name}): at most {@link #MAX_LENGTH} characters of letters, digits, '_' and '.'.
 */
public final class KernelObjectNames {
    /** {@code BPF_OBJ_NAME_LEN - 1} (UAPI linux/bpf.h): the name buffer holds a terminating NUL. */
    public static final int MAX_LENGTH = 15;

    private KernelObjectNames() {
    }

    /**
     * Cuts a name to {@link #MAX_LENGTH} characters and replaces every character the kernel
     * refuses with '_', as libbpf does.
     *
     * @param name any name
     * @return a name the kernel accepts
     */
    public static String sanitize(String name) {
        String raw = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
        StringBuilder sb = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
