package io.bpf4j.testkit.internal;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.KernelVersion;

/**
 * The kernel version that introduced each program, map and attach type, as
 * documented on bpf-syscall's enums (each cites its UAPI constant and the
 * version of {@code include/uapi/linux/bpf.h} that added it). A feature a
 * kernel at or above its version lacks is a failure, not a skip.
 */
public final class KnownMinimums {
    private KnownMinimums() {
    }

    /** {@return the version that introduced the program type, or null when unknown} */
    public static KernelVersion of(ProgramType t) {
        String v = switch (t) {
            case SOCKET_FILTER -> "3.19";
            case KPROBE, SCHED_CLS, SCHED_ACT -> "4.1";
            case TRACEPOINT -> "4.7";
            case XDP -> "4.8";
            case PERF_EVENT -> "4.9";
            case CGROUP_SKB, CGROUP_SOCK, LWT_IN, LWT_OUT, LWT_XMIT -> "4.10";
            case SOCK_OPS -> "4.13";
            case SK_SKB -> "4.14";
            case CGROUP_DEVICE -> "4.15";
            case SK_MSG, RAW_TRACEPOINT, CGROUP_SOCK_ADDR -> "4.17";
            case LWT_SEG6LOCAL, LIRC_MODE2 -> "4.18";
            case SK_REUSEPORT -> "4.19";
            case FLOW_DISSECTOR -> "4.20";
            case CGROUP_SYSCTL, RAW_TRACEPOINT_WRITABLE -> "5.2";
            case CGROUP_SOCKOPT -> "5.3";
            case TRACING -> "5.5";
            case STRUCT_OPS, EXT -> "5.6";
            case LSM -> "5.7";
            case SK_LOOKUP -> "5.9";
            case SYSCALL -> "5.14";
            case NETFILTER -> "6.4";
            default -> null;
        };
        return v == null ? null : KernelVersion.parse(v);
    }

    /** {@return the version that introduced the map type, or null when unknown} */
    public static KernelVersion of(MapType t) {
        String v = switch (t) {
            case HASH, ARRAY -> "3.19";
            case PROG_ARRAY -> "4.2";
            case PERF_EVENT_ARRAY -> "4.3";
            case PERCPU_HASH, PERCPU_ARRAY, STACK_TRACE -> "4.6";
            case CGROUP_ARRAY -> "4.8";
            case LRU_HASH, LRU_PERCPU_HASH -> "4.10";
            case LPM_TRIE -> "4.11";
            case ARRAY_OF_MAPS, HASH_OF_MAPS -> "4.12";
            case DEVMAP, SOCKMAP -> "4.14";
            case CPUMAP -> "4.15";
            case XSKMAP, SOCKHASH -> "4.18";
            case CGROUP_STORAGE, REUSEPORT_SOCKARRAY -> "4.19";
            case PERCPU_CGROUP_STORAGE, QUEUE, STACK -> "4.20";
            case SK_STORAGE -> "5.2";
            case DEVMAP_HASH -> "5.4";
            case STRUCT_OPS -> "5.6";
            case RINGBUF -> "5.8";
            case INODE_STORAGE -> "5.10";
            case TASK_STORAGE -> "5.11";
            case BLOOM_FILTER -> "5.16";
            case USER_RINGBUF -> "6.1";
            case CGRP_STORAGE -> "6.2";
            case ARENA -> "6.9";
            default -> null;
        };
        return v == null ? null : KernelVersion.parse(v);
    }

    /** {@return the version that introduced the attach type, or null when unknown} */
    public static KernelVersion of(AttachType t) {
        String v = switch (t) {
            case CGROUP_INET_INGRESS, CGROUP_INET_EGRESS, CGROUP_INET_SOCK_CREATE -> "4.10";
            case CGROUP_SOCK_OPS -> "4.13";
            case SK_SKB_STREAM_PARSER, SK_SKB_STREAM_VERDICT -> "4.14";
            case CGROUP_DEVICE -> "4.15";
            case SK_MSG_VERDICT, CGROUP_INET4_BIND, CGROUP_INET6_BIND, CGROUP_INET4_CONNECT,
                    CGROUP_INET6_CONNECT, CGROUP_INET4_POST_BIND, CGROUP_INET6_POST_BIND -> "4.17";
            case CGROUP_UDP4_SENDMSG, CGROUP_UDP6_SENDMSG, LIRC_MODE2 -> "4.18";
            case FLOW_DISSECTOR -> "4.20";
            case CGROUP_SYSCTL, CGROUP_UDP4_RECVMSG, CGROUP_UDP6_RECVMSG -> "5.2";
            case CGROUP_GETSOCKOPT, CGROUP_SETSOCKOPT -> "5.3";
            case TRACE_RAW_TP, TRACE_FENTRY, TRACE_FEXIT -> "5.5";
            case MODIFY_RETURN, LSM_MAC -> "5.7";
            case TRACE_ITER, CGROUP_INET4_GETPEERNAME, CGROUP_INET6_GETPEERNAME, CGROUP_INET4_GETSOCKNAME,
                    CGROUP_INET6_GETSOCKNAME, XDP_DEVMAP -> "5.8";
            case CGROUP_INET_SOCK_RELEASE, XDP_CPUMAP, SK_LOOKUP, XDP -> "5.9";
            case SK_SKB_VERDICT -> "5.13";
            case SK_REUSEPORT_SELECT, SK_REUSEPORT_SELECT_OR_MIGRATE -> "5.14";
            case PERF_EVENT -> "5.15";
            case TRACE_KPROBE_MULTI -> "5.18";
            case LSM_CGROUP -> "6.0";
            case STRUCT_OPS, NETFILTER -> "6.4";
            case TCX_INGRESS, TCX_EGRESS, TRACE_UPROBE_MULTI -> "6.6";
            case CGROUP_UNIX_CONNECT, CGROUP_UNIX_SENDMSG, CGROUP_UNIX_RECVMSG, CGROUP_UNIX_GETPEERNAME,
                    CGROUP_UNIX_GETSOCKNAME, NETKIT_PRIMARY, NETKIT_PEER -> "6.7";
            case TRACE_KPROBE_SESSION -> "6.10";
            default -> null;
        };
        return v == null ? null : KernelVersion.parse(v);
    }
}
