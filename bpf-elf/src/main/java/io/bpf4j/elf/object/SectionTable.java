package io.bpf4j.elf.object;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libbpf's table of program section names, in libbpf's order: the closed set of
 * {@link SectionDefinition}s a {@code SEC()} name is looked up in.
 *
 * <p>Facts from {@code section_defs[]} in {@code tools/lib/bpf/libbpf.c} of Linux 6.12 (libbpf
 * 1.5); the numbers from {@code enum bpf_prog_type} and {@code enum bpf_attach_type} of that
 * kernel's {@code include/uapi/linux/bpf.h}. Lookup takes the first matching row, as libbpf's
 * {@code find_sec_def()} does, so specific rows ({@code "xdp.frags/devmap"}) come before
 * general ones ({@code "xdp"}).
 */
public final class SectionTable {
    // enum bpf_prog_type (include/uapi/linux/bpf.h).
    private static final int SOCKET_FILTER = 1;
    private static final int KPROBE = 2;
    private static final int SCHED_CLS = 3;
    private static final int SCHED_ACT = 4;
    private static final int TRACEPOINT = 5;
    private static final int XDP = 6;
    private static final int PERF_EVENT = 7;
    private static final int CGROUP_SKB = 8;
    private static final int CGROUP_SOCK = 9;
    private static final int LWT_IN = 10;
    private static final int LWT_OUT = 11;
    private static final int LWT_XMIT = 12;
    private static final int SOCK_OPS = 13;
    private static final int SK_SKB = 14;
    private static final int CGROUP_DEVICE = 15;
    private static final int SK_MSG = 16;
    private static final int RAW_TRACEPOINT = 17;
    private static final int CGROUP_SOCK_ADDR = 18;
    private static final int LWT_SEG6LOCAL = 19;
    private static final int LIRC_MODE2 = 20;
    private static final int SK_REUSEPORT = 21;
    private static final int FLOW_DISSECTOR = 22;
    private static final int CGROUP_SYSCTL = 23;
    private static final int RAW_TRACEPOINT_WRITABLE = 24;
    private static final int CGROUP_SOCKOPT = 25;
    private static final int TRACING = 26;
    private static final int STRUCT_OPS = 27;
    private static final int EXT = 28;
    private static final int LSM = 29;
    private static final int SK_LOOKUP = 30;
    private static final int SYSCALL = 31;
    private static final int NETFILTER = 32;

    // enum bpf_attach_type (include/uapi/linux/bpf.h), by C name.
    private static final Map<String, Integer> ATTACH_TYPES = Map.ofEntries(
            Map.entry("BPF_CGROUP_INET_INGRESS", 0),
            Map.entry("BPF_CGROUP_INET_EGRESS", 1),
            Map.entry("BPF_CGROUP_INET_SOCK_CREATE", 2),
            Map.entry("BPF_CGROUP_SOCK_OPS", 3),
            Map.entry("BPF_SK_SKB_STREAM_PARSER", 4),
            Map.entry("BPF_SK_SKB_STREAM_VERDICT", 5),
            Map.entry("BPF_CGROUP_DEVICE", 6),
            Map.entry("BPF_SK_MSG_VERDICT", 7),
            Map.entry("BPF_CGROUP_INET4_BIND", 8),
            Map.entry("BPF_CGROUP_INET6_BIND", 9),
            Map.entry("BPF_CGROUP_INET4_CONNECT", 10),
            Map.entry("BPF_CGROUP_INET6_CONNECT", 11),
            Map.entry("BPF_CGROUP_INET4_POST_BIND", 12),
            Map.entry("BPF_CGROUP_INET6_POST_BIND", 13),
            Map.entry("BPF_CGROUP_UDP4_SENDMSG", 14),
            Map.entry("BPF_CGROUP_UDP6_SENDMSG", 15),
            Map.entry("BPF_LIRC_MODE2", 16),
            Map.entry("BPF_FLOW_DISSECTOR", 17),
            Map.entry("BPF_CGROUP_SYSCTL", 18),
            Map.entry("BPF_CGROUP_UDP4_RECVMSG", 19),
            Map.entry("BPF_CGROUP_UDP6_RECVMSG", 20),
            Map.entry("BPF_CGROUP_GETSOCKOPT", 21),
            Map.entry("BPF_CGROUP_SETSOCKOPT", 22),
            Map.entry("BPF_TRACE_RAW_TP", 23),
            Map.entry("BPF_TRACE_FENTRY", 24),
            Map.entry("BPF_TRACE_FEXIT", 25),
            Map.entry("BPF_MODIFY_RETURN", 26),
            Map.entry("BPF_LSM_MAC", 27),
            Map.entry("BPF_TRACE_ITER", 28),
            Map.entry("BPF_CGROUP_INET4_GETPEERNAME", 29),
            Map.entry("BPF_CGROUP_INET6_GETPEERNAME", 30),
            Map.entry("BPF_CGROUP_INET4_GETSOCKNAME", 31),
            Map.entry("BPF_CGROUP_INET6_GETSOCKNAME", 32),
            Map.entry("BPF_XDP_DEVMAP", 33),
            Map.entry("BPF_CGROUP_INET_SOCK_RELEASE", 34),
            Map.entry("BPF_XDP_CPUMAP", 35),
            Map.entry("BPF_SK_LOOKUP", 36),
            Map.entry("BPF_XDP", 37),
            Map.entry("BPF_SK_SKB_VERDICT", 38),
            Map.entry("BPF_SK_REUSEPORT_SELECT", 39),
            Map.entry("BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", 40),
            Map.entry("BPF_PERF_EVENT", 41),
            Map.entry("BPF_TRACE_KPROBE_MULTI", 42),
            Map.entry("BPF_LSM_CGROUP", 43),
            Map.entry("BPF_STRUCT_OPS", 44),
            Map.entry("BPF_NETFILTER", 45),
            Map.entry("BPF_TCX_INGRESS", 46),
            Map.entry("BPF_TCX_EGRESS", 47),
            Map.entry("BPF_TRACE_UPROBE_MULTI", 48),
            Map.entry("BPF_CGROUP_UNIX_CONNECT", 49),
            Map.entry("BPF_CGROUP_UNIX_SENDMSG", 50),
            Map.entry("BPF_CGROUP_UNIX_RECVMSG", 51),
            Map.entry("BPF_CGROUP_UNIX_GETPEERNAME", 52),
            Map.entry("BPF_CGROUP_UNIX_GETSOCKNAME", 53),
            Map.entry("BPF_NETKIT_PRIMARY", 54),
            Map.entry("BPF_NETKIT_PEER", 55),
            Map.entry("BPF_TRACE_KPROBE_SESSION", 56));

    private static final boolean AUTO = true;
    private static final boolean MANUAL = false;
    private static final SectionFlag ATT = SectionFlag.ATTACHABLE;
    private static final SectionFlag OPT = SectionFlag.EXPECTED_ATTACH_TYPE_OPTIONAL;
    private static final SectionFlag BTF = SectionFlag.ATTACH_BTF;
    private static final SectionFlag SLEEP = SectionFlag.SLEEPABLE;
    private static final SectionFlag FRAGS = SectionFlag.XDP_FRAGS;
    private static final SectionFlag USDT_ = SectionFlag.USDT;

    private static final List<SectionDefinition> DEFINITIONS;

    static {
        DEFINITIONS = new ArrayList<>();
        row("socket", SOCKET_FILTER, "", MANUAL);
        row("sk_reuseport/migrate", SK_REUSEPORT, "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", MANUAL, ATT);
        row("sk_reuseport", SK_REUSEPORT, "BPF_SK_REUSEPORT_SELECT", MANUAL, ATT);
        row("kprobe+", KPROBE, "", AUTO);
        row("uprobe+", KPROBE, "", AUTO);
        row("uprobe.s+", KPROBE, "", AUTO, SLEEP);
        row("kretprobe+", KPROBE, "", AUTO);
        row("uretprobe+", KPROBE, "", AUTO);
        row("uretprobe.s+", KPROBE, "", AUTO, SLEEP);
        row("kprobe.multi+", KPROBE, "BPF_TRACE_KPROBE_MULTI", AUTO);
        row("kretprobe.multi+", KPROBE, "BPF_TRACE_KPROBE_MULTI", AUTO);
        row("kprobe.session+", KPROBE, "BPF_TRACE_KPROBE_SESSION", AUTO);
        row("uprobe.multi+", KPROBE, "BPF_TRACE_UPROBE_MULTI", AUTO);
        row("uretprobe.multi+", KPROBE, "BPF_TRACE_UPROBE_MULTI", AUTO);
        row("uprobe.multi.s+", KPROBE, "BPF_TRACE_UPROBE_MULTI", AUTO, SLEEP);
        row("uretprobe.multi.s+", KPROBE, "BPF_TRACE_UPROBE_MULTI", AUTO, SLEEP);
        row("ksyscall+", KPROBE, "", AUTO);
        row("kretsyscall+", KPROBE, "", AUTO);
        row("usdt+", KPROBE, "", AUTO, USDT_);
        row("usdt.s+", KPROBE, "", AUTO, USDT_, SLEEP);
        row("tc/ingress", SCHED_CLS, "BPF_TCX_INGRESS", MANUAL);
        row("tc/egress", SCHED_CLS, "BPF_TCX_EGRESS", MANUAL);
        row("tcx/ingress", SCHED_CLS, "BPF_TCX_INGRESS", MANUAL);
        row("tcx/egress", SCHED_CLS, "BPF_TCX_EGRESS", MANUAL);
        row("tc", SCHED_CLS, "", MANUAL);
        row("classifier", SCHED_CLS, "", MANUAL);
        row("action", SCHED_ACT, "", MANUAL);
        row("netkit/primary", SCHED_CLS, "BPF_NETKIT_PRIMARY", MANUAL);
        row("netkit/peer", SCHED_CLS, "BPF_NETKIT_PEER", MANUAL);
        row("tracepoint+", TRACEPOINT, "", AUTO);
        row("tp+", TRACEPOINT, "", AUTO);
        row("raw_tracepoint+", RAW_TRACEPOINT, "", AUTO);
        row("raw_tp+", RAW_TRACEPOINT, "", AUTO);
        row("raw_tracepoint.w+", RAW_TRACEPOINT_WRITABLE, "", AUTO);
        row("raw_tp.w+", RAW_TRACEPOINT_WRITABLE, "", AUTO);
        row("tp_btf+", TRACING, "BPF_TRACE_RAW_TP", AUTO, BTF);
        row("fentry+", TRACING, "BPF_TRACE_FENTRY", AUTO, BTF);
        row("fmod_ret+", TRACING, "BPF_MODIFY_RETURN", AUTO, BTF);
        row("fexit+", TRACING, "BPF_TRACE_FEXIT", AUTO, BTF);
        row("fentry.s+", TRACING, "BPF_TRACE_FENTRY", AUTO, BTF, SLEEP);
        row("fmod_ret.s+", TRACING, "BPF_MODIFY_RETURN", AUTO, BTF, SLEEP);
        row("fexit.s+", TRACING, "BPF_TRACE_FEXIT", AUTO, BTF, SLEEP);
        row("freplace+", EXT, "", AUTO, BTF);
        row("lsm+", LSM, "BPF_LSM_MAC", AUTO, BTF);
        row("lsm.s+", LSM, "BPF_LSM_MAC", AUTO, BTF, SLEEP);
        row("lsm_cgroup+", LSM, "BPF_LSM_CGROUP", MANUAL, BTF);
        row("iter+", TRACING, "BPF_TRACE_ITER", AUTO, BTF);
        row("iter.s+", TRACING, "BPF_TRACE_ITER", AUTO, BTF, SLEEP);
        row("syscall", SYSCALL, "", MANUAL, SLEEP);
        row("xdp.frags/devmap", XDP, "BPF_XDP_DEVMAP", MANUAL, FRAGS);
        row("xdp/devmap", XDP, "BPF_XDP_DEVMAP", MANUAL, ATT);
        row("xdp.frags/cpumap", XDP, "BPF_XDP_CPUMAP", MANUAL, FRAGS);
        row("xdp/cpumap", XDP, "BPF_XDP_CPUMAP", MANUAL, ATT);
        row("xdp.frags", XDP, "BPF_XDP", MANUAL, FRAGS);
        row("xdp", XDP, "BPF_XDP", MANUAL, ATT, OPT);
        row("perf_event", PERF_EVENT, "", MANUAL);
        row("lwt_in", LWT_IN, "", MANUAL);
        row("lwt_out", LWT_OUT, "", MANUAL);
        row("lwt_xmit", LWT_XMIT, "", MANUAL);
        row("lwt_seg6local", LWT_SEG6LOCAL, "", MANUAL);
        row("sockops", SOCK_OPS, "BPF_CGROUP_SOCK_OPS", MANUAL, ATT, OPT);
        row("sk_skb/stream_parser", SK_SKB, "BPF_SK_SKB_STREAM_PARSER", MANUAL, ATT, OPT);
        row("sk_skb/stream_verdict", SK_SKB, "BPF_SK_SKB_STREAM_VERDICT", MANUAL, ATT, OPT);
        row("sk_skb/verdict", SK_SKB, "BPF_SK_SKB_VERDICT", MANUAL, ATT, OPT);
        row("sk_skb", SK_SKB, "", MANUAL);
        row("sk_msg", SK_MSG, "BPF_SK_MSG_VERDICT", MANUAL, ATT, OPT);
        row("lirc_mode2", LIRC_MODE2, "BPF_LIRC_MODE2", MANUAL, ATT, OPT);
        row("flow_dissector", FLOW_DISSECTOR, "BPF_FLOW_DISSECTOR", MANUAL, ATT, OPT);
        row("cgroup_skb/ingress", CGROUP_SKB, "BPF_CGROUP_INET_INGRESS", MANUAL, ATT, OPT);
        row("cgroup_skb/egress", CGROUP_SKB, "BPF_CGROUP_INET_EGRESS", MANUAL, ATT, OPT);
        row("cgroup/skb", CGROUP_SKB, "", MANUAL);
        row("cgroup/sock_create", CGROUP_SOCK, "BPF_CGROUP_INET_SOCK_CREATE", MANUAL, ATT);
        row("cgroup/sock_release", CGROUP_SOCK, "BPF_CGROUP_INET_SOCK_RELEASE", MANUAL, ATT);
        row("cgroup/sock", CGROUP_SOCK, "BPF_CGROUP_INET_SOCK_CREATE", MANUAL, ATT, OPT);
        row("cgroup/post_bind4", CGROUP_SOCK, "BPF_CGROUP_INET4_POST_BIND", MANUAL, ATT);
        row("cgroup/post_bind6", CGROUP_SOCK, "BPF_CGROUP_INET6_POST_BIND", MANUAL, ATT);
        row("cgroup/bind4", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET4_BIND", MANUAL, ATT);
        row("cgroup/bind6", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET6_BIND", MANUAL, ATT);
        row("cgroup/connect4", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET4_CONNECT", MANUAL, ATT);
        row("cgroup/connect6", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET6_CONNECT", MANUAL, ATT);
        row("cgroup/connect_unix", CGROUP_SOCK_ADDR, "BPF_CGROUP_UNIX_CONNECT", MANUAL, ATT);
        row("cgroup/sendmsg4", CGROUP_SOCK_ADDR, "BPF_CGROUP_UDP4_SENDMSG", MANUAL, ATT);
        row("cgroup/sendmsg6", CGROUP_SOCK_ADDR, "BPF_CGROUP_UDP6_SENDMSG", MANUAL, ATT);
        row("cgroup/sendmsg_unix", CGROUP_SOCK_ADDR, "BPF_CGROUP_UNIX_SENDMSG", MANUAL, ATT);
        row("cgroup/recvmsg4", CGROUP_SOCK_ADDR, "BPF_CGROUP_UDP4_RECVMSG", MANUAL, ATT);
        row("cgroup/recvmsg6", CGROUP_SOCK_ADDR, "BPF_CGROUP_UDP6_RECVMSG", MANUAL, ATT);
        row("cgroup/recvmsg_unix", CGROUP_SOCK_ADDR, "BPF_CGROUP_UNIX_RECVMSG", MANUAL, ATT);
        row("cgroup/getpeername4", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET4_GETPEERNAME", MANUAL, ATT);
        row("cgroup/getpeername6", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET6_GETPEERNAME", MANUAL, ATT);
        row("cgroup/getpeername_unix", CGROUP_SOCK_ADDR, "BPF_CGROUP_UNIX_GETPEERNAME", MANUAL, ATT);
        row("cgroup/getsockname4", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET4_GETSOCKNAME", MANUAL, ATT);
        row("cgroup/getsockname6", CGROUP_SOCK_ADDR, "BPF_CGROUP_INET6_GETSOCKNAME", MANUAL, ATT);
        row("cgroup/getsockname_unix", CGROUP_SOCK_ADDR, "BPF_CGROUP_UNIX_GETSOCKNAME", MANUAL, ATT);
        row("cgroup/sysctl", CGROUP_SYSCTL, "BPF_CGROUP_SYSCTL", MANUAL, ATT);
        row("cgroup/getsockopt", CGROUP_SOCKOPT, "BPF_CGROUP_GETSOCKOPT", MANUAL, ATT);
        row("cgroup/setsockopt", CGROUP_SOCKOPT, "BPF_CGROUP_SETSOCKOPT", MANUAL, ATT);
        row("cgroup/dev", CGROUP_DEVICE, "BPF_CGROUP_DEVICE", MANUAL, ATT, OPT);
        row("struct_ops+", STRUCT_OPS, "", MANUAL);
        row("struct_ops.s+", STRUCT_OPS, "", MANUAL, SLEEP);
        row("sk_lookup", SK_LOOKUP, "BPF_SK_LOOKUP", MANUAL, ATT);
        row("netfilter", NETFILTER, "BPF_NETFILTER", MANUAL);
    }

    private SectionTable() {
    }

    private static void row(String pattern, int programType, String attachType, boolean autoAttach,
            SectionFlag... flags) {
        EnumSet<SectionFlag> set = EnumSet.noneOf(SectionFlag.class);
        set.addAll(List.of(flags));
        Integer attach = attachType.isEmpty() ? Integer.valueOf(0) : ATTACH_TYPES.get(attachType);
        if (attach == null) {
            throw new IllegalStateException("unknown attach type " + attachType);
        }
        DEFINITIONS.add(new SectionDefinition(pattern, programType, programTypeName(programType), attach,
                attachType, set, autoAttach));
    }

    /** {@return every definition, in libbpf's lookup order} */
    public static List<SectionDefinition> definitions() {
        return List.copyOf(DEFINITIONS);
    }

    /**
     * {@return the first definition matching the name, as libbpf's {@code find_sec_def()}; empty
     * for a name libbpf does not know (such a program needs its type set by hand)}
     *
     * @param sectionName a {@code SEC()} name; a leading {@code '?'} is ignored
     */
    public static Optional<SectionDefinition> find(String sectionName) {
        String name = sectionName.startsWith("?") ? sectionName.substring(1) : sectionName;
        for (SectionDefinition d : DEFINITIONS) {
            if (d.matches(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * {@return the C name of a program type, such as {@code BPF_PROG_TYPE_XDP}; {@code "BPF_PROG_TYPE_<n>"}
     * for a number this table does not know}
     *
     * @param programType an {@code enum bpf_prog_type} value
     */
    public static String programTypeName(int programType) {
        return switch (programType) {
            case SOCKET_FILTER -> "BPF_PROG_TYPE_SOCKET_FILTER";
            case KPROBE -> "BPF_PROG_TYPE_KPROBE";
            case SCHED_CLS -> "BPF_PROG_TYPE_SCHED_CLS";
            case SCHED_ACT -> "BPF_PROG_TYPE_SCHED_ACT";
            case TRACEPOINT -> "BPF_PROG_TYPE_TRACEPOINT";
            case XDP -> "BPF_PROG_TYPE_XDP";
            case PERF_EVENT -> "BPF_PROG_TYPE_PERF_EVENT";
            case CGROUP_SKB -> "BPF_PROG_TYPE_CGROUP_SKB";
            case CGROUP_SOCK -> "BPF_PROG_TYPE_CGROUP_SOCK";
            case LWT_IN -> "BPF_PROG_TYPE_LWT_IN";
            case LWT_OUT -> "BPF_PROG_TYPE_LWT_OUT";
            case LWT_XMIT -> "BPF_PROG_TYPE_LWT_XMIT";
            case SOCK_OPS -> "BPF_PROG_TYPE_SOCK_OPS";
            case SK_SKB -> "BPF_PROG_TYPE_SK_SKB";
            case CGROUP_DEVICE -> "BPF_PROG_TYPE_CGROUP_DEVICE";
            case SK_MSG -> "BPF_PROG_TYPE_SK_MSG";
            case RAW_TRACEPOINT -> "BPF_PROG_TYPE_RAW_TRACEPOINT";
            case CGROUP_SOCK_ADDR -> "BPF_PROG_TYPE_CGROUP_SOCK_ADDR";
            case LWT_SEG6LOCAL -> "BPF_PROG_TYPE_LWT_SEG6LOCAL";
            case LIRC_MODE2 -> "BPF_PROG_TYPE_LIRC_MODE2";
            case SK_REUSEPORT -> "BPF_PROG_TYPE_SK_REUSEPORT";
            case FLOW_DISSECTOR -> "BPF_PROG_TYPE_FLOW_DISSECTOR";
            case CGROUP_SYSCTL -> "BPF_PROG_TYPE_CGROUP_SYSCTL";
            case RAW_TRACEPOINT_WRITABLE -> "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE";
            case CGROUP_SOCKOPT -> "BPF_PROG_TYPE_CGROUP_SOCKOPT";
            case TRACING -> "BPF_PROG_TYPE_TRACING";
            case STRUCT_OPS -> "BPF_PROG_TYPE_STRUCT_OPS";
            case EXT -> "BPF_PROG_TYPE_EXT";
            case LSM -> "BPF_PROG_TYPE_LSM";
            case SK_LOOKUP -> "BPF_PROG_TYPE_SK_LOOKUP";
            case SYSCALL -> "BPF_PROG_TYPE_SYSCALL";
            case NETFILTER -> "BPF_PROG_TYPE_NETFILTER";
            default -> "BPF_PROG_TYPE_" + programType;
        };
    }
}
