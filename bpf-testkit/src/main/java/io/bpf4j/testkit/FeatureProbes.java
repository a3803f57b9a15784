package io.bpf4j.testkit;

import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.MapCreateFlags;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgLoadRequest;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.internal.HelperIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Asks the running kernel whether it has a BPF feature by trying it: create a
 * tiny map of the type, load a two-instruction program of the type (and, for
 * programs that attach to kernel functions, attach it), load a program that
 * calls the helper. Like libbpf's {@code libbpf_probe_bpf_*} and cilium/ebpf's
 * {@code features} package, a probe never throws: it answers
 * {@link ProbeResult.Support yes, no or inconclusive}, and each answer is
 * cached for the life of the process. Every kernel object a probe creates is
 * closed before it returns.
 */
public final class FeatureProbes {
    private static final Map<String, ProbeResult> CACHE = new ConcurrentHashMap<>();
    /** {@code mov64 r0, 0; exit}: the smallest valid program. */
    private static final byte[] RETURN_ZERO = insns(new long[][]{{0xb7, 0, 0}, {0x95, 0, 0}});
    private static final Path KPROBE_PMU_TYPE = Path.of("/sys/bus/event_source/devices/kprobe/type");
    private static final Path LSM_LIST = Path.of("/sys/kernel/security/lsm");
    /** Functions a tracing probe may target: the first found in the kernel's BTF. */
    private static final List<String> TRACEABLE = List.of("bpf_fentry_test1", "vfs_read");

    private FeatureProbes() {
    }

    /**
     * @param type a program type
     * @return whether programs of the type load (and, for kprobe, tracing and
     *         LSM programs, attach) on the running kernel
     */
    public static ProbeResult programType(ProgramType type) {
        return cached("program type " + type, () -> probeProgramType(type));
    }

    /**
     * @param type a map type
     * @return whether maps of the type can be created on the running kernel
     */
    public static ProbeResult mapType(MapType type) {
        return cached("map type " + type, () -> probeMapType(type));
    }

    /**
     * @param type an attach type
     * @return whether the running kernel accepts programs with it
     */
    public static ProbeResult attachType(AttachType type) {
        return cached("attach type " + type, () -> probeAttachType(type));
    }

    /**
     * @param programType the type of the calling program
     * @param helper      the helper's name, e.g. {@code bpf_ringbuf_output}
     * @return whether programs of the type may call it on the running kernel
     * @throws IllegalArgumentException when bpf4j's helper definitions do not know the name
     */
    public static ProbeResult helper(ProgramType programType, String helper) {
        int id = HelperIds.of(helper);
        return cached("helper " + helper + " in " + programType + " programs", () -> probeHelper(programType, id));
    }

    private static ProbeResult cached(String feature, Supplier<ProbeResult> probe) {
        return CACHE.computeIfAbsent(feature, f -> {
            try {
                return probe.get();
            } catch (RuntimeException | LinkageError e) {
                return ProbeResult.inconclusive(f, "the probe could not run: " + e);
            }
        });
    }

    // ---------------------------------------------------------------- program types

    private static ProbeResult probeProgramType(ProgramType type) {
        String feature = "program type " + type;
        switch (type) {
            case TRACING:
                return probeTracing(feature, AttachType.TRACE_FENTRY, traceable(), false);
            case LSM:
                return probeLsm(feature);
            case EXT:
            case STRUCT_OPS:
                return ProbeResult.inconclusive(feature, "needs a target program or struct_ops map to probe");
            default:
                break;
        }
        AttachType expected = switch (type) {
            case CGROUP_SOCK_ADDR -> AttachType.CGROUP_INET4_CONNECT;
            case CGROUP_SOCKOPT -> AttachType.CGROUP_GETSOCKOPT;
            case SK_LOOKUP -> AttachType.SK_LOOKUP;
            case NETFILTER -> AttachType.NETFILTER;
            default -> null;
        };
        try (OwnedFd prog = load(type, expected, RETURN_ZERO, 0)) {
            if (type == ProgramType.KPROBE) {
                return probeKprobeAttach(feature, prog);
            }
            return ProbeResult.yes(feature);
        } catch (BpfException e) {
            return fromLoadError(feature, e);
        }
    }

    private static ProbeResult probeKprobeAttach(String feature, OwnedFd prog) {
        if (!Files.isRegularFile(KPROBE_PMU_TYPE)) {
            return ProbeResult.inconclusive(feature, "kprobe programs load but cannot attach: the kernel has no"
                    + " kprobe PMU (" + KPROBE_PMU_TYPE + " is missing; CONFIG_KPROBES is off)");
        }
        try {
            int pmu = Integer.parseInt(Files.readString(KPROBE_PMU_TYPE).trim());
            PerfEventAttr attr = PerfEventAttr.builder(pmu, 0).uprobePath("vfs_read").probeOffset(0).build();
            OwnedFd event = bpf().perfEventOpen(attr, -1, 0, -1, 0);
            try (PerfEventLink link = PerfEventLink.attach(bpf(), event, prog.fd(), 0, "kprobe probe")) {
                return ProbeResult.yes(feature);
            }
        } catch (IOException | NumberFormatException e) {
            return ProbeResult.inconclusive(feature, "cannot read " + KPROBE_PMU_TYPE + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return ProbeResult.inconclusive(feature, "kprobe programs load but do not attach: " + e.getMessage());
        }
    }

    private static ProbeResult probeLsm(String feature) {
        try {
            if (Files.isRegularFile(LSM_LIST) && !List.of(Files.readString(LSM_LIST).trim().split(","))
                    .contains("bpf")) {
                return ProbeResult.inconclusive(feature, "bpf is not an active LSM (" + LSM_LIST + ": "
                        + Files.readString(LSM_LIST).trim() + "; boot with lsm=...,bpf)");
            }
        } catch (IOException e) {
            // securityfs unreadable: let the load decide
        }
        return probeTracing(feature, AttachType.LSM_MAC, "bpf_lsm_file_open", true);
    }

    /** Loads a program with a BTF target and attaches it through BPF_RAW_TRACEPOINT_OPEN. */
    private static ProbeResult probeTracing(String feature, AttachType attachType, String function, boolean lsm) {
        int id;
        try {
            id = function == null ? -1 : Btf.kernel().findByName(function, BtfKind.FUNC);
        } catch (RuntimeException e) {
            return ProbeResult.inconclusive(feature, "the kernel's BTF cannot be read: " + e.getMessage());
        }
        if (id <= 0) {
            return ProbeResult.inconclusive(feature, "the kernel's BTF has no " + (function == null
                    ? "function from " + TRACEABLE : function) + " to target");
        }
        ProgramType type = lsm ? ProgramType.LSM : ProgramType.TRACING;
        try (OwnedFd prog = bpf().progLoad(ProgLoadRequest.builder(type, RETURN_ZERO).expectedAttachType(attachType)
                .attachBtf(id, 0).license("GPL").name("bpf4j_probe").build())) {
            if (attachType == AttachType.TRACE_ITER) {
                return ProbeResult.yes(feature);
            }
            try (OwnedFd link = bpf().rawTracepointOpen(null, prog.fd())) {
                return ProbeResult.yes(feature);
            } catch (BpfException e) {
                return ProbeResult.inconclusive(feature, "loads but does not attach to " + function + ": "
                        + e.errnoName() + " (no BPF trampolines on this kernel or architecture)");
            }
        } catch (BpfException e) {
            return fromLoadError(feature, e);
        }
    }

    private static String traceable() {
        try {
            for (String f : TRACEABLE) {
                if (Btf.kernel().findByName(f, BtfKind.FUNC) > 0) {
                    return f;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    // ---------------------------------------------------------------- attach types

    private static ProbeResult probeAttachType(AttachType type) {
        String feature = "attach type " + type;
        switch (type) {
            case TRACE_FENTRY:
            case TRACE_FEXIT:
                return probeTracing(feature, type, traceable(), false);
            case MODIFY_RETURN:
                return probeTracing(feature, type, "bpf_modify_return_test", false);
            case TRACE_ITER:
                return probeTracing(feature, type, "bpf_iter_task", false);
            case LSM_MAC:
                return probeLsm(feature);
            default:
                break;
        }
        ProgramType programType = switch (type) {
            case TRACE_KPROBE_MULTI, TRACE_KPROBE_SESSION, TRACE_UPROBE_MULTI -> ProgramType.KPROBE;
            case CGROUP_INET_INGRESS, CGROUP_INET_EGRESS -> ProgramType.CGROUP_SKB;
            case CGROUP_INET_SOCK_CREATE, CGROUP_INET_SOCK_RELEASE, CGROUP_INET4_POST_BIND,
                    CGROUP_INET6_POST_BIND -> ProgramType.CGROUP_SOCK;
            case CGROUP_INET4_BIND, CGROUP_INET6_BIND, CGROUP_INET4_CONNECT, CGROUP_INET6_CONNECT,
                    CGROUP_UDP4_SENDMSG, CGROUP_UDP6_SENDMSG, CGROUP_UDP4_RECVMSG, CGROUP_UDP6_RECVMSG,
                    CGROUP_INET4_GETPEERNAME, CGROUP_INET6_GETPEERNAME, CGROUP_INET4_GETSOCKNAME,
                    CGROUP_INET6_GETSOCKNAME, CGROUP_UNIX_CONNECT, CGROUP_UNIX_SENDMSG, CGROUP_UNIX_RECVMSG,
                    CGROUP_UNIX_GETPEERNAME, CGROUP_UNIX_GETSOCKNAME -> ProgramType.CGROUP_SOCK_ADDR;
            case CGROUP_GETSOCKOPT, CGROUP_SETSOCKOPT -> ProgramType.CGROUP_SOCKOPT;
            case XDP_DEVMAP, XDP_CPUMAP, XDP -> ProgramType.XDP;
            case TCX_INGRESS, TCX_EGRESS, NETKIT_PRIMARY, NETKIT_PEER -> ProgramType.SCHED_CLS;
            case SK_LOOKUP -> ProgramType.SK_LOOKUP;
            case NETFILTER -> ProgramType.NETFILTER;
            default -> null;
        };
        if (programType == null) {
            return ProbeResult.inconclusive(feature, "bpf4j-testkit has no probe for this attach type");
        }
        try (OwnedFd prog = load(programType, type, RETURN_ZERO, 0)) {
            return ProbeResult.yes(feature);
        } catch (BpfException e) {
            return fromLoadError(feature, e);
        }
    }

    // ---------------------------------------------------------------- maps

    private static ProbeResult probeMapType(MapType type) {
        String feature = "map type " + type;
        int key = 4;
        int value = 4;
        int max = 1;
        int flags = 0;
        switch (type) {
            case UNSPEC -> {
                return ProbeResult.no(feature, "not a map type");
            }
            case ARRAY_OF_MAPS, HASH_OF_MAPS, STRUCT_OPS, SK_STORAGE, INODE_STORAGE, TASK_STORAGE, CGRP_STORAGE,
                    CGROUP_STORAGE, PERCPU_CGROUP_STORAGE, ARENA -> {
                return ProbeResult.inconclusive(feature, "needs BTF or an inner map to probe");
            }
            case STACK_TRACE -> value = 8;
            case LPM_TRIE -> {
                key = 8;
                flags = MapCreateFlags.BPF_F_NO_PREALLOC;
            }
            case QUEUE, STACK, BLOOM_FILTER -> key = 0;
            case RINGBUF, USER_RINGBUF -> {
                key = 0;
                value = 0;
                max = 4096;
            }
            case SOCKMAP, SOCKHASH, XSKMAP, DEVMAP, DEVMAP_HASH, CPUMAP, REUSEPORT_SOCKARRAY -> value = 4;
            default -> {
                // 4-byte key and value, one entry
            }
        }
        try (OwnedFd map = bpf().mapCreate(MapCreateRequest.builder(type, key, value, max).flags(flags)
                .name("bpf4j_probe").build())) {
            return ProbeResult.yes(feature);
        } catch (BpfException e) {
            return fromLoadError(feature, e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ProbeResult probeHelper(ProgramType type, int id) {
        String feature = "helper #" + id + " in " + type + " programs";
        byte[] callThenReturn = insns(new long[][]{{0x85, 0, id}, {0xb7, 0, 0}, {0x95, 0, 0}});
        try (OwnedFd prog = load(type, null, callThenReturn, 1)) {
            return ProbeResult.yes(feature);
        } catch (BpfException e) {
            String log = e.log().orElse("");
            if (log.contains("invalid func unknown#") || log.contains("unknown func")) {
                return ProbeResult.no(feature, lastLine(log));
            }
            if (e.errno() == Errno.EPERM) {
                return ProbeResult.inconclusive(feature, "the kernel refused the probe program: EPERM");
            }
            // The verifier knew the helper and objected to its (absent) arguments: it exists.
            return log.isEmpty() ? ProbeResult.inconclusive(feature, e.getMessage()) : ProbeResult.yes(feature);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static OwnedFd load(ProgramType type, AttachType expected, byte[] insns, int logLevel) {
        ProgLoadRequest.Builder b = ProgLoadRequest.builder(type, insns).license("GPL").name("bpf4j_probe")
                .logLevel(logLevel);
        if (expected != null) {
            b.expectedAttachType(expected);
        }
        return bpf().progLoad(b.build());
    }

    private static ProbeResult fromLoadError(String feature, BpfException e) {
        int errno = e.errno();
        if (errno == Errno.EINVAL || errno == Errno.E2BIG || errno == Errno.EOPNOTSUPP) {
            return ProbeResult.no(feature, "the kernel answered " + e.errnoName());
        }
        return ProbeResult.inconclusive(feature, "the kernel refused: " + e.errnoName()
                + (errno == Errno.EPERM ? " (a privilege, lockdown or a disabled configuration option)" : ""));
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Bpf bpf() {
        return Bpf.system();
    }

    private static byte[] insns(long[][] insns) {
        ByteBuffer b = ByteBuffer.allocate(insns.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] i : insns) {
            b.put((byte) i[0]).put((byte) i[1]).putShort((short) 0).putInt((int) i[2]);
        }
        return b.array();
    }
}
