package io.bpf4j.syscall;

/**
 * The kinds of BPF program ({@code BPF_PROG_TYPE_*}).
 *
 * <p>Values mirror {@code enum bpf_prog_type} in {@code include/uapi/linux/bpf.h}, complete as of
 * the running kernel 6.18 (the constants after the local 6.1 header's last were read from
 * {@code /sys/kernel/btf/vmlinux}). "Since" names the first mainline kernel with the constant,
 * where known.
 */
public enum ProgramType {
    /** {@code BPF_PROG_TYPE_UNSPEC}. Invalid: rejected by the kernel. */
    UNSPEC(0),
    /** {@code BPF_PROG_TYPE_SOCKET_FILTER} (since 3.19). */
    SOCKET_FILTER(1),
    /** {@code BPF_PROG_TYPE_KPROBE} (since 4.1). Also uprobes. */
    KPROBE(2),
    /** {@code BPF_PROG_TYPE_SCHED_CLS} (since 4.1). tc classifier. */
    SCHED_CLS(3),
    /** {@code BPF_PROG_TYPE_SCHED_ACT} (since 4.1). tc action. */
    SCHED_ACT(4),
    /** {@code BPF_PROG_TYPE_TRACEPOINT} (since 4.7). */
    TRACEPOINT(5),
    /** {@code BPF_PROG_TYPE_XDP} (since 4.8). */
    XDP(6),
    /** {@code BPF_PROG_TYPE_PERF_EVENT} (since 4.9). */
    PERF_EVENT(7),
    /** {@code BPF_PROG_TYPE_CGROUP_SKB} (since 4.10). */
    CGROUP_SKB(8),
    /** {@code BPF_PROG_TYPE_CGROUP_SOCK} (since 4.10). */
    CGROUP_SOCK(9),
    /** {@code BPF_PROG_TYPE_LWT_IN} (since 4.10). */
    LWT_IN(10),
    /** {@code BPF_PROG_TYPE_LWT_OUT} (since 4.10). */
    LWT_OUT(11),
    /** {@code BPF_PROG_TYPE_LWT_XMIT} (since 4.10). */
    LWT_XMIT(12),
    /** {@code BPF_PROG_TYPE_SOCK_OPS} (since 4.13). */
    SOCK_OPS(13),
    /** {@code BPF_PROG_TYPE_SK_SKB} (since 4.14). */
    SK_SKB(14),
    /** {@code BPF_PROG_TYPE_CGROUP_DEVICE} (since 4.15). */
    CGROUP_DEVICE(15),
    /** {@code BPF_PROG_TYPE_SK_MSG} (since 4.17). */
    SK_MSG(16),
    /** {@code BPF_PROG_TYPE_RAW_TRACEPOINT} (since 4.17). */
    RAW_TRACEPOINT(17),
    /** {@code BPF_PROG_TYPE_CGROUP_SOCK_ADDR} (since 4.17). */
    CGROUP_SOCK_ADDR(18),
    /** {@code BPF_PROG_TYPE_LWT_SEG6LOCAL} (since 4.18). */
    LWT_SEG6LOCAL(19),
    /** {@code BPF_PROG_TYPE_LIRC_MODE2} (since 4.18). */
    LIRC_MODE2(20),
    /** {@code BPF_PROG_TYPE_SK_REUSEPORT} (since 4.19). */
    SK_REUSEPORT(21),
    /** {@code BPF_PROG_TYPE_FLOW_DISSECTOR} (since 4.20). */
    FLOW_DISSECTOR(22),
    /** {@code BPF_PROG_TYPE_CGROUP_SYSCTL} (since 5.2). */
    CGROUP_SYSCTL(23),
    /** {@code BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE} (since 5.2). */
    RAW_TRACEPOINT_WRITABLE(24),
    /** {@code BPF_PROG_TYPE_CGROUP_SOCKOPT} (since 5.3). */
    CGROUP_SOCKOPT(25),
    /** {@code BPF_PROG_TYPE_TRACING} (since 5.5). fentry/fexit/fmod_ret, tp_btf, iterators. */
    TRACING(26),
    /** {@code BPF_PROG_TYPE_STRUCT_OPS} (since 5.6). */
    STRUCT_OPS(27),
    /** {@code BPF_PROG_TYPE_EXT} (since 5.6). freplace. */
    EXT(28),
    /** {@code BPF_PROG_TYPE_LSM} (since 5.7). */
    LSM(29),
    /** {@code BPF_PROG_TYPE_SK_LOOKUP} (since 5.9). */
    SK_LOOKUP(30),
    /** {@code BPF_PROG_TYPE_SYSCALL} (since 5.14). A program that can execute syscalls. */
    SYSCALL(31),
    /** {@code BPF_PROG_TYPE_NETFILTER} (since 6.4). */
    NETFILTER(32);

    private static final ProgramType[] BY_VALUE;

    static {
        int max = 0;
        for (ProgramType t : values()) {
            max = Math.max(max, t.value);
        }
        BY_VALUE = new ProgramType[max + 1];
        for (ProgramType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    ProgramType(int value) {
        this.value = value;
    }

    /** {@return the kernel's numeric value} */
    public int value() {
        return value;
    }

    /** {@return the UAPI name, e.g. {@code BPF_PROG_TYPE_SOCKET_FILTER}} */
    public String uapiName() {
        return "BPF_PROG_TYPE_" + name();
    }

    /**
     * {@return the constant with the kernel's numeric value {@code value}}
     *
     * @throws IllegalArgumentException if bpf4j does not know the value (a kernel newer than 6.18)
     */
    public static ProgramType of(int value) {
        if (value >= 0 && value < BY_VALUE.length && BY_VALUE[value] != null) {
            return BY_VALUE[value];
        }
        throw new IllegalArgumentException("unknown bpf_prog_type value " + value
                + " (bpf4j knows " + ProgramType.class.getSimpleName() + " values 0.." + (BY_VALUE.length - 1)
                + " as of Linux 6.18)");
    }
}
