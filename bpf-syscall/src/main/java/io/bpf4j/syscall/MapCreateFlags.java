package io.bpf4j.syscall;

/**
 * The {@code map_flags} of {@code BPF_MAP_CREATE} ({@code include/uapi/linux/bpf.h}, the anonymous
 * enum "flags for BPF_MAP_CREATE command"), and the {@code file_flags} of {@code BPF_OBJ_GET}
 * ({@link #BPF_F_RDONLY}, {@link #BPF_F_WRONLY}).
 */
public final class MapCreateFlags {
    /** {@code BPF_F_NO_PREALLOC}: allocate hash elements on demand. */
    public static final int BPF_F_NO_PREALLOC = 1;
    /** {@code BPF_F_NO_COMMON_LRU}: one LRU list per CPU. */
    public static final int BPF_F_NO_COMMON_LRU = 1 << 1;
    /** {@code BPF_F_NUMA_NODE}: honour {@code numa_node}. */
    public static final int BPF_F_NUMA_NODE = 1 << 2;
    /** {@code BPF_F_RDONLY}: read-only from user space (also an {@code OBJ_GET} file flag). */
    public static final int BPF_F_RDONLY = 1 << 3;
    /** {@code BPF_F_WRONLY}: write-only from user space (also an {@code OBJ_GET} file flag). */
    public static final int BPF_F_WRONLY = 1 << 4;
    /** {@code BPF_F_STACK_BUILD_ID}: stack maps store build id + offset. */
    public static final int BPF_F_STACK_BUILD_ID = 1 << 5;
    /** {@code BPF_F_ZERO_SEED}: zero hash seed, for tests only. */
    public static final int BPF_F_ZERO_SEED = 1 << 6;
    /** {@code BPF_F_RDONLY_PROG}: read-only from programs (used for {@code .rodata}). */
    public static final int BPF_F_RDONLY_PROG = 1 << 7;
    /** {@code BPF_F_WRONLY_PROG}: write-only from programs. */
    public static final int BPF_F_WRONLY_PROG = 1 << 8;
    /** {@code BPF_F_CLONE}: clone socket storage to accepted sockets. */
    public static final int BPF_F_CLONE = 1 << 9;
    /** {@code BPF_F_MMAPABLE} (5.5): the array can be mmap'ed (global data). */
    public static final int BPF_F_MMAPABLE = 1 << 10;
    /** {@code BPF_F_PRESERVE_ELEMS}: keep perf event array elements when the map fd closes. */
    public static final int BPF_F_PRESERVE_ELEMS = 1 << 11;
    /** {@code BPF_F_INNER_MAP}: an inner map whose {@code max_entries} may differ. */
    public static final int BPF_F_INNER_MAP = 1 << 12;

    private MapCreateFlags() {
    }
}
