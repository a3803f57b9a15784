package io.bpf4j.syscall;

import java.util.Objects;

/**
 * What {@link Bpf#progAttach(ProgAttachRequest)} asks the kernel for: the {@code attach} member
 * of {@code union bpf_attr}, the pre-link way of attaching (cgroups, sockmaps, flow dissector,
 * lirc). The attachment lives in the target, not in a descriptor: it stays until
 * {@link Bpf#progDetach} or until the target goes away.
 *
 * @param targetFd the target: a cgroup directory, a sockmap or sockhash, a network namespace
 * @param progFd the program
 * @param attachType the attach type
 * @param flags {@link ProgAttachFlags} ({@code BPF_F_ALLOW_OVERRIDE}, {@code BPF_F_ALLOW_MULTI},
 *     {@code BPF_F_REPLACE})
 * @param replaceProgFd with {@link ProgAttachFlags#BPF_F_REPLACE}, the program to replace; else 0
 */
public record ProgAttachRequest(int targetFd, int progFd, AttachType attachType, int flags, int replaceProgFd) {
    /** Checks the fields. */
    public ProgAttachRequest {
        Objects.requireNonNull(attachType, "attachType");
        if ((flags & ProgAttachFlags.BPF_F_REPLACE) != 0 && replaceProgFd <= 0) {
            throw new IllegalArgumentException("BPF_F_REPLACE needs the descriptor of the program to replace");
        }
        if ((flags & ProgAttachFlags.BPF_F_REPLACE) == 0 && replaceProgFd != 0) {
            throw new IllegalArgumentException("replaceProgFd is only read with BPF_F_REPLACE");
        }
    }

    /** {@return a request without replacement} */
    public static ProgAttachRequest of(int targetFd, int progFd, AttachType attachType, int flags) {
        return new ProgAttachRequest(targetFd, progFd, attachType, flags, 0);
    }
}
