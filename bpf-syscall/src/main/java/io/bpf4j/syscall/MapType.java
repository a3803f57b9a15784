package io.bpf4j.syscall;

/**
 * The kinds of BPF map ({@code BPF_MAP_TYPE_*}).
 *
 * <p>Values mirror {@code enum bpf_map_type} in {@code include/uapi/linux/bpf.h}, complete as of
 * the running kernel 6.18 (the constants after the local 6.1 header's last were read from
 * {@code /sys/kernel/btf/vmlinux}). "Since" names the first mainline kernel with the constant,
 * where known.
 */
public enum MapType {
    /** {@code BPF_MAP_TYPE_UNSPEC}. Invalid: rejected by the kernel. */
    UNSPEC(0),
    /** {@code BPF_MAP_TYPE_HASH} (since 3.19). */
    HASH(1),
    /** {@code BPF_MAP_TYPE_ARRAY} (since 3.19). */
    ARRAY(2),
    /** {@code BPF_MAP_TYPE_PROG_ARRAY} (since 4.2). Values are program fds; used by {@code bpf_tail_call}. */
    PROG_ARRAY(3),
    /** {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY} (since 4.3). */
    PERF_EVENT_ARRAY(4),
    /** {@code BPF_MAP_TYPE_PERCPU_HASH} (since 4.6). */
    PERCPU_HASH(5),
    /** {@code BPF_MAP_TYPE_PERCPU_ARRAY} (since 4.6). */
    PERCPU_ARRAY(6),
    /** {@code BPF_MAP_TYPE_STACK_TRACE} (since 4.6). */
    STACK_TRACE(7),
    /** {@code BPF_MAP_TYPE_CGROUP_ARRAY} (since 4.8). */
    CGROUP_ARRAY(8),
    /** {@code BPF_MAP_TYPE_LRU_HASH} (since 4.10). */
    LRU_HASH(9),
    /** {@code BPF_MAP_TYPE_LRU_PERCPU_HASH} (since 4.10). */
    LRU_PERCPU_HASH(10),
    /** {@code BPF_MAP_TYPE_LPM_TRIE} (since 4.11). */
    LPM_TRIE(11),
    /** {@code BPF_MAP_TYPE_ARRAY_OF_MAPS} (since 4.12). */
    ARRAY_OF_MAPS(12),
    /** {@code BPF_MAP_TYPE_HASH_OF_MAPS} (since 4.12). */
    HASH_OF_MAPS(13),
    /** {@code BPF_MAP_TYPE_DEVMAP} (since 4.14). */
    DEVMAP(14),
    /** {@code BPF_MAP_TYPE_SOCKMAP} (since 4.14). */
    SOCKMAP(15),
    /** {@code BPF_MAP_TYPE_CPUMAP} (since 4.15). */
    CPUMAP(16),
    /** {@code BPF_MAP_TYPE_XSKMAP} (since 4.18). */
    XSKMAP(17),
    /** {@code BPF_MAP_TYPE_SOCKHASH} (since 4.18). */
    SOCKHASH(18),
    /** {@code BPF_MAP_TYPE_CGROUP_STORAGE} (since 4.19). Deprecated by {@code CGRP_STORAGE}; the UAPI also spells it {@code CGROUP_STORAGE_DEPRECATED}. */
    CGROUP_STORAGE(19),
    /** {@code BPF_MAP_TYPE_REUSEPORT_SOCKARRAY} (since 4.19). */
    REUSEPORT_SOCKARRAY(20),
    /** {@code BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE} (since 4.20). The UAPI also spells it {@code PERCPU_CGROUP_STORAGE_DEPRECATED}. */
    PERCPU_CGROUP_STORAGE(21),
    /** {@code BPF_MAP_TYPE_QUEUE} (since 4.20). Keyless FIFO: key size 0. */
    QUEUE(22),
    /** {@code BPF_MAP_TYPE_STACK} (since 4.20). Keyless LIFO: key size 0. */
    STACK(23),
    /** {@code BPF_MAP_TYPE_SK_STORAGE} (since 5.2). */
    SK_STORAGE(24),
    /** {@code BPF_MAP_TYPE_DEVMAP_HASH} (since 5.4). */
    DEVMAP_HASH(25),
    /** {@code BPF_MAP_TYPE_STRUCT_OPS} (since 5.6). */
    STRUCT_OPS(26),
    /** {@code BPF_MAP_TYPE_RINGBUF} (since 5.8). Key and value size 0; {@code max_entries} is the data size in bytes. */
    RINGBUF(27),
    /** {@code BPF_MAP_TYPE_INODE_STORAGE} (since 5.10). */
    INODE_STORAGE(28),
    /** {@code BPF_MAP_TYPE_TASK_STORAGE} (since 5.11). */
    TASK_STORAGE(29),
    /** {@code BPF_MAP_TYPE_BLOOM_FILTER} (since 5.16). */
    BLOOM_FILTER(30),
    /** {@code BPF_MAP_TYPE_USER_RINGBUF} (since 6.1). */
    USER_RINGBUF(31),
    /** {@code BPF_MAP_TYPE_CGRP_STORAGE} (since 6.2). */
    CGRP_STORAGE(32),
    /** {@code BPF_MAP_TYPE_ARENA} (since 6.9). */
    ARENA(33);

    private static final MapType[] BY_VALUE;

    static {
        int max = 0;
        for (MapType t : values()) {
            max = Math.max(max, t.value);
        }
        BY_VALUE = new MapType[max + 1];
        for (MapType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    MapType(int value) {
        this.value = value;
    }

    /** {@return the kernel's numeric value} */
    public int value() {
        return value;
    }

    /** {@return the UAPI name, e.g. {@code BPF_MAP_TYPE_HASH}} */
    public String uapiName() {
        return "BPF_MAP_TYPE_" + name();
    }

    /**
     * {@return the constant with the kernel's numeric value {@code value}}
     *
     * @throws IllegalArgumentException if bpf4j does not know the value (a kernel newer than 6.18)
     */
    public static MapType of(int value) {
        if (value >= 0 && value < BY_VALUE.length && BY_VALUE[value] != null) {
            return BY_VALUE[value];
        }
        throw new IllegalArgumentException("unknown bpf_map_type value " + value
                + " (bpf4j knows " + MapType.class.getSimpleName() + " values 0.." + (BY_VALUE.length - 1)
                + " as of Linux 6.18)");
    }
}
