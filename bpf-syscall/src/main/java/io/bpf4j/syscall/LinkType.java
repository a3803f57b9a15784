package io.bpf4j.syscall;

/**
 * The kinds of bpf_link ({@code BPF_LINK_TYPE_*}), as reported by {@link Bpf#linkInfo(int)}.
 *
 * <p>Values mirror {@code enum bpf_link_type} in {@code include/uapi/linux/bpf.h}, complete as of
 * the running kernel 6.18 (the constants after the local 6.1 header's last were read from
 * {@code /sys/kernel/btf/vmlinux}). "Since" names the first mainline kernel with the constant,
 * where known.
 */
public enum LinkType {
    /** {@code BPF_LINK_TYPE_UNSPEC}. */
    UNSPEC(0),
    /** {@code BPF_LINK_TYPE_RAW_TRACEPOINT}. */
    RAW_TRACEPOINT(1),
    /** {@code BPF_LINK_TYPE_TRACING}. */
    TRACING(2),
    /** {@code BPF_LINK_TYPE_CGROUP}. */
    CGROUP(3),
    /** {@code BPF_LINK_TYPE_ITER}. */
    ITER(4),
    /** {@code BPF_LINK_TYPE_NETNS}. */
    NETNS(5),
    /** {@code BPF_LINK_TYPE_XDP} (since 5.9). */
    XDP(6),
    /** {@code BPF_LINK_TYPE_PERF_EVENT} (since 5.15). */
    PERF_EVENT(7),
    /** {@code BPF_LINK_TYPE_KPROBE_MULTI} (since 5.18). */
    KPROBE_MULTI(8),
    /** {@code BPF_LINK_TYPE_STRUCT_OPS} (since 6.4). */
    STRUCT_OPS(9),
    /** {@code BPF_LINK_TYPE_NETFILTER} (since 6.4). */
    NETFILTER(10),
    /** {@code BPF_LINK_TYPE_TCX} (since 6.6). */
    TCX(11),
    /** {@code BPF_LINK_TYPE_UPROBE_MULTI} (since 6.6). */
    UPROBE_MULTI(12),
    /** {@code BPF_LINK_TYPE_NETKIT} (since 6.7). */
    NETKIT(13),
    /** {@code BPF_LINK_TYPE_SOCKMAP}. */
    SOCKMAP(14);

    private static final LinkType[] BY_VALUE;

    static {
        int max = 0;
        for (LinkType t : values()) {
            max = Math.max(max, t.value);
        }
        BY_VALUE = new LinkType[max + 1];
        for (LinkType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    LinkType(int value) {
        this.value = value;
    }

    /** {@return the kernel's numeric value} */
    public int value() {
        return value;
    }

    /** {@return the UAPI name, e.g. {@code BPF_LINK_TYPE_RAW_TRACEPOINT}} */
    public String uapiName() {
        return "BPF_LINK_TYPE_" + name();
    }

    /**
     * {@return the constant with the kernel's numeric value {@code value}}
     *
     * @throws IllegalArgumentException if bpf4j does not know the value (a kernel newer than 6.18)
     */
    public static LinkType of(int value) {
        if (value >= 0 && value < BY_VALUE.length && BY_VALUE[value] != null) {
            return BY_VALUE[value];
        }
        throw new IllegalArgumentException("unknown bpf_link_type value " + value
                + " (bpf4j knows " + LinkType.class.getSimpleName() + " values 0.." + (BY_VALUE.length - 1)
                + " as of Linux 6.18)");
    }
}
