package io.bpf4j.syscall;

/**
 * The {@code flags} of {@code BPF_MAP_UPDATE_ELEM} and {@code BPF_MAP_LOOKUP_ELEM}
 * ({@code include/uapi/linux/bpf.h}, the anonymous enum after {@code enum bpf_link_type}).
 */
public final class MapUpdateFlags {
    /** {@code BPF_ANY}: create a new element or update an existing one. */
    public static final long BPF_ANY = 0;
    /** {@code BPF_NOEXIST}: create only; {@code EEXIST} if the key is there. */
    public static final long BPF_NOEXIST = 1;
    /** {@code BPF_EXIST}: update only; {@code ENOENT} if the key is missing. */
    public static final long BPF_EXIST = 2;
    /** {@code BPF_F_LOCK} (5.1): take the value's {@code bpf_spin_lock} during the copy. */
    public static final long BPF_F_LOCK = 4;

    private MapUpdateFlags() {
    }
}
