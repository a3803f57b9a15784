package io.bpf4j.syscall;

import java.util.Objects;

/**
 * What {@link Bpf#linkCreate(LinkCreateRequest)} asks the kernel for: the {@code link_create}
 * member of {@code union bpf_attr}.
 *
 * <p>The kernel overlays the type-specific fields in a union; bpf4j lays them out by
 * {@link #attachType()}: {@link AttachType#PERF_EVENT} takes {@code perf_event.bpf_cookie};
 * {@link AttachType#TRACE_ITER} takes {@code iter_info}; the tracing types take
 * {@code tracing.target_btf_id} and {@code tracing.cookie}; every other type takes
 * {@code target_btf_id} only. Multi-kprobe and multi-uprobe links have their own calls
 * ({@link Bpf#linkCreateKprobeMulti}, {@link Bpf#linkCreateUprobeMulti}), as do netfilter
 * ({@link Bpf#linkCreateNetfilter}) and the ordered tcx/netkit/cgroup links
 * ({@link Bpf#linkCreateOrdered}).
 *
 * @param progFd the program
 * @param target {@code target_fd} (cgroup, perf event, netns, map) or {@code target_ifindex}
 *     (XDP, tcx, netkit); 0 where the attach type has no target
 * @param attachType the attach type
 * @param flags {@code flags} (e.g. XDP mode flags)
 * @param targetBtfId BTF id of the target (tracing, freplace), else 0
 * @param cookie value returned by {@code bpf_get_attach_cookie()}; perf event and tracing types only
 * @param iterInfo the {@code union bpf_iter_link_info} bytes of an iterator, or null
 */
public record LinkCreateRequest(int progFd, int target, AttachType attachType, int flags, int targetBtfId,
                                long cookie, byte[] iterInfo) {
    /** Checks the combination of fields against the kernel's union. */
    public LinkCreateRequest {
        Objects.requireNonNull(attachType, "attachType");
        if (attachType == AttachType.TRACE_KPROBE_MULTI || attachType == AttachType.TRACE_UPROBE_MULTI
                || attachType == AttachType.TRACE_KPROBE_SESSION || attachType == AttachType.TRACE_UPROBE_SESSION) {
            throw new UnsupportedOperationException("LinkCreateRequest cannot hold link_create."
                    + (attachType == AttachType.TRACE_KPROBE_MULTI || attachType == AttachType.TRACE_KPROBE_SESSION
                    ? "kprobe_multi: use Bpf.linkCreateKprobeMulti" : "uprobe_multi: use Bpf.linkCreateUprobeMulti")
                    + " for " + attachType.uapiName());
        }
        if (cookie != 0 && attachType != AttachType.PERF_EVENT && !isTracing(attachType)) {
            throw new IllegalArgumentException("link_create has no cookie for " + attachType.uapiName()
                    + " (perf event and tracing links only)");
        }
        if (iterInfo != null && attachType != AttachType.TRACE_ITER) {
            throw new IllegalArgumentException("iter_info is for BPF_TRACE_ITER, not " + attachType.uapiName());
        }
        if (targetBtfId != 0 && (attachType == AttachType.PERF_EVENT || attachType == AttachType.TRACE_ITER)) {
            throw new IllegalArgumentException("link_create has no target_btf_id for " + attachType.uapiName());
        }
        iterInfo = iterInfo == null ? null : iterInfo.clone();
    }

    /** {@return a request with no target BTF id, cookie or iterator info} */
    public static LinkCreateRequest of(int progFd, int target, AttachType attachType, int flags) {
        return new LinkCreateRequest(progFd, target, attachType, flags, 0, 0, null);
    }

    /** {@return a copy of the iterator info, or null} */
    @Override
    public byte[] iterInfo() {
        return iterInfo == null ? null : iterInfo.clone();
    }

    /** {@return whether {@code type} uses the {@code tracing} member (target BTF id + cookie)} */
    static boolean isTracing(AttachType type) {
        return switch (type) {
            case TRACE_FENTRY, TRACE_FEXIT, MODIFY_RETURN, LSM_MAC, TRACE_RAW_TP -> true;
            default -> false;
        };
    }
}
