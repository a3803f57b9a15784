package io.bpf4j.syscall;

/**
 * Where a program attaches ({@code enum bpf_attach_type}): the program's expected attach type at
 * load, and the attach type of {@code BPF_LINK_CREATE}.
 *
 * <p>Values mirror {@code enum bpf_attach_type} in {@code include/uapi/linux/bpf.h}, complete as of
 * the running kernel 6.18 (the constants after the local 6.1 header's last were read from
 * {@code /sys/kernel/btf/vmlinux}). "Since" names the first mainline kernel with the constant,
 * where known.
 */
public enum AttachType {
    /** {@code BPF_CGROUP_INET_INGRESS} (since 4.10). */
    CGROUP_INET_INGRESS(0),
    /** {@code BPF_CGROUP_INET_EGRESS} (since 4.10). */
    CGROUP_INET_EGRESS(1),
    /** {@code BPF_CGROUP_INET_SOCK_CREATE} (since 4.10). */
    CGROUP_INET_SOCK_CREATE(2),
    /** {@code BPF_CGROUP_SOCK_OPS} (since 4.13). */
    CGROUP_SOCK_OPS(3),
    /** {@code BPF_SK_SKB_STREAM_PARSER} (since 4.14). */
    SK_SKB_STREAM_PARSER(4),
    /** {@code BPF_SK_SKB_STREAM_VERDICT} (since 4.14). */
    SK_SKB_STREAM_VERDICT(5),
    /** {@code BPF_CGROUP_DEVICE} (since 4.15). */
    CGROUP_DEVICE(6),
    /** {@code BPF_SK_MSG_VERDICT} (since 4.17). */
    SK_MSG_VERDICT(7),
    /** {@code BPF_CGROUP_INET4_BIND} (since 4.17). */
    CGROUP_INET4_BIND(8),
    /** {@code BPF_CGROUP_INET6_BIND} (since 4.17). */
    CGROUP_INET6_BIND(9),
    /** {@code BPF_CGROUP_INET4_CONNECT} (since 4.17). */
    CGROUP_INET4_CONNECT(10),
    /** {@code BPF_CGROUP_INET6_CONNECT} (since 4.17). */
    CGROUP_INET6_CONNECT(11),
    /** {@code BPF_CGROUP_INET4_POST_BIND} (since 4.17). */
    CGROUP_INET4_POST_BIND(12),
    /** {@code BPF_CGROUP_INET6_POST_BIND} (since 4.17). */
    CGROUP_INET6_POST_BIND(13),
    /** {@code BPF_CGROUP_UDP4_SENDMSG} (since 4.18). */
    CGROUP_UDP4_SENDMSG(14),
    /** {@code BPF_CGROUP_UDP6_SENDMSG} (since 4.18). */
    CGROUP_UDP6_SENDMSG(15),
    /** {@code BPF_LIRC_MODE2} (since 4.18). */
    LIRC_MODE2(16),
    /** {@code BPF_FLOW_DISSECTOR} (since 4.20). */
    FLOW_DISSECTOR(17),
    /** {@code BPF_CGROUP_SYSCTL} (since 5.2). */
    CGROUP_SYSCTL(18),
    /** {@code BPF_CGROUP_UDP4_RECVMSG} (since 5.2). */
    CGROUP_UDP4_RECVMSG(19),
    /** {@code BPF_CGROUP_UDP6_RECVMSG} (since 5.2). */
    CGROUP_UDP6_RECVMSG(20),
    /** {@code BPF_CGROUP_GETSOCKOPT} (since 5.3). */
    CGROUP_GETSOCKOPT(21),
    /** {@code BPF_CGROUP_SETSOCKOPT} (since 5.3). */
    CGROUP_SETSOCKOPT(22),
    /** {@code BPF_TRACE_RAW_TP} (since 5.5). BTF-enabled raw tracepoint (tp_btf). */
    TRACE_RAW_TP(23),
    /** {@code BPF_TRACE_FENTRY} (since 5.5). */
    TRACE_FENTRY(24),
    /** {@code BPF_TRACE_FEXIT} (since 5.5). */
    TRACE_FEXIT(25),
    /** {@code BPF_MODIFY_RETURN} (since 5.7). */
    MODIFY_RETURN(26),
    /** {@code BPF_LSM_MAC} (since 5.7). */
    LSM_MAC(27),
    /** {@code BPF_TRACE_ITER} (since 5.8). */
    TRACE_ITER(28),
    /** {@code BPF_CGROUP_INET4_GETPEERNAME} (since 5.8). */
    CGROUP_INET4_GETPEERNAME(29),
    /** {@code BPF_CGROUP_INET6_GETPEERNAME} (since 5.8). */
    CGROUP_INET6_GETPEERNAME(30),
    /** {@code BPF_CGROUP_INET4_GETSOCKNAME} (since 5.8). */
    CGROUP_INET4_GETSOCKNAME(31),
    /** {@code BPF_CGROUP_INET6_GETSOCKNAME} (since 5.8). */
    CGROUP_INET6_GETSOCKNAME(32),
    /** {@code BPF_XDP_DEVMAP} (since 5.8). */
    XDP_DEVMAP(33),
    /** {@code BPF_CGROUP_INET_SOCK_RELEASE} (since 5.9). */
    CGROUP_INET_SOCK_RELEASE(34),
    /** {@code BPF_XDP_CPUMAP} (since 5.9). */
    XDP_CPUMAP(35),
    /** {@code BPF_SK_LOOKUP} (since 5.9). */
    SK_LOOKUP(36),
    /** {@code BPF_XDP} (since 5.9). XDP through a bpf_link. */
    XDP(37),
    /** {@code BPF_SK_SKB_VERDICT} (since 5.13). */
    SK_SKB_VERDICT(38),
    /** {@code BPF_SK_REUSEPORT_SELECT} (since 5.14). */
    SK_REUSEPORT_SELECT(39),
    /** {@code BPF_SK_REUSEPORT_SELECT_OR_MIGRATE} (since 5.14). */
    SK_REUSEPORT_SELECT_OR_MIGRATE(40),
    /** {@code BPF_PERF_EVENT} (since 5.15). A bpf_link on a perf event (kprobe, uprobe, tracepoint), with a cookie. */
    PERF_EVENT(41),
    /** {@code BPF_TRACE_KPROBE_MULTI} (since 5.18). */
    TRACE_KPROBE_MULTI(42),
    /** {@code BPF_LSM_CGROUP} (since 6.0). */
    LSM_CGROUP(43),
    /** {@code BPF_STRUCT_OPS} (since 6.4). */
    STRUCT_OPS(44),
    /** {@code BPF_NETFILTER} (since 6.4). */
    NETFILTER(45),
    /** {@code BPF_TCX_INGRESS} (since 6.6). */
    TCX_INGRESS(46),
    /** {@code BPF_TCX_EGRESS} (since 6.6). */
    TCX_EGRESS(47),
    /** {@code BPF_TRACE_UPROBE_MULTI} (since 6.6). */
    TRACE_UPROBE_MULTI(48),
    /** {@code BPF_CGROUP_UNIX_CONNECT} (since 6.7). */
    CGROUP_UNIX_CONNECT(49),
    /** {@code BPF_CGROUP_UNIX_SENDMSG} (since 6.7). */
    CGROUP_UNIX_SENDMSG(50),
    /** {@code BPF_CGROUP_UNIX_RECVMSG} (since 6.7). */
    CGROUP_UNIX_RECVMSG(51),
    /** {@code BPF_CGROUP_UNIX_GETPEERNAME} (since 6.7). */
    CGROUP_UNIX_GETPEERNAME(52),
    /** {@code BPF_CGROUP_UNIX_GETSOCKNAME} (since 6.7). */
    CGROUP_UNIX_GETSOCKNAME(53),
    /** {@code BPF_NETKIT_PRIMARY} (since 6.7). */
    NETKIT_PRIMARY(54),
    /** {@code BPF_NETKIT_PEER} (since 6.7). */
    NETKIT_PEER(55),
    /** {@code BPF_TRACE_KPROBE_SESSION} (since 6.10). */
    TRACE_KPROBE_SESSION(56),
    /** {@code BPF_TRACE_UPROBE_SESSION}. */
    TRACE_UPROBE_SESSION(57);

    private static final AttachType[] BY_VALUE;

    static {
        int max = 0;
        for (AttachType t : values()) {
            max = Math.max(max, t.value);
        }
        BY_VALUE = new AttachType[max + 1];
        for (AttachType t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    AttachType(int value) {
        this.value = value;
    }

    /** {@return the kernel's numeric value} */
    public int value() {
        return value;
    }

    /** {@return the UAPI name, e.g. {@code BPF_CGROUP_INET_EGRESS}} */
    public String uapiName() {
        return "BPF_" + name();
    }

    /**
     * {@return the constant with the kernel's numeric value {@code value}}
     *
     * @throws IllegalArgumentException if bpf4j does not know the value (a kernel newer than 6.18)
     */
    public static AttachType of(int value) {
        if (value >= 0 && value < BY_VALUE.length && BY_VALUE[value] != null) {
            return BY_VALUE[value];
        }
        throw new IllegalArgumentException("unknown bpf_attach_type value " + value
                + " (bpf4j knows " + AttachType.class.getSimpleName() + " values 0.." + (BY_VALUE.length - 1)
                + " as of Linux 6.18)");
    }
}
