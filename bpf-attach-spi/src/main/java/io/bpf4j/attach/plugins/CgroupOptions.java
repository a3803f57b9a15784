package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgAttachFlags;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of {@link CgroupPlugin}: the cgroup to attach to and how.
 *
 * @param cgroup a cgroup v2 directory, e.g. {@code /sys/fs/cgroup/unified/my-service}
 * @param mechanism a {@code bpf_link} or {@code BPF_PROG_ATTACH}
 * @param attachFlags for {@code BPF_PROG_ATTACH}: {@link ProgAttachFlags#BPF_F_ALLOW_OVERRIDE},
 *     {@link ProgAttachFlags#BPF_F_ALLOW_MULTI} or 0 (exclusive); links always behave as
 *     {@code BPF_F_ALLOW_MULTI}
 * @param attachType the hook, for sections that do not name one ({@code cgroup/skb}); null to
 *     take it from the section
 */
public record CgroupOptions(Path cgroup, Mechanism mechanism, int attachFlags, AttachType attachType)
        implements AttachOptions {

    /** How a cgroup program is attached. */
    public enum Mechanism {
        /** A {@code bpf_link} (Linux 5.7); if the kernel has none, {@code BPF_PROG_ATTACH} with the flags. */
        LINK_OR_PROG_ATTACH,
        /** A {@code bpf_link} only: detached when the link closes, even if the process dies. */
        LINK,
        /** {@code BPF_PROG_ATTACH} only (Linux 4.10): stays until detached. */
        PROG_ATTACH
    }

    /** Checks the fields. */
    public CgroupOptions {
        Objects.requireNonNull(cgroup, "cgroup");
        Objects.requireNonNull(mechanism, "mechanism");
        int known = ProgAttachFlags.BPF_F_ALLOW_OVERRIDE | ProgAttachFlags.BPF_F_ALLOW_MULTI;
        if ((attachFlags & ~known) != 0 || attachFlags == known) {
            throw new IllegalArgumentException("cgroup attach flags are BPF_F_ALLOW_OVERRIDE or BPF_F_ALLOW_MULTI"
                    + " or 0, not 0x" + Integer.toHexString(attachFlags));
        }
    }

    /** {@return a link to {@code cgroup} (falling back to {@code BPF_PROG_ATTACH} with {@code BPF_F_ALLOW_MULTI})} */
    public static CgroupOptions of(Path cgroup) {
        return new CgroupOptions(cgroup, Mechanism.LINK_OR_PROG_ATTACH, ProgAttachFlags.BPF_F_ALLOW_MULTI, null);
    }

    /** {@return these options with {@code mechanism} and {@code attachFlags}} */
    public CgroupOptions with(Mechanism mechanism, int attachFlags) {
        return new CgroupOptions(cgroup, mechanism, attachFlags, attachType);
    }

    /** {@return these options for hook {@code attachType}} */
    public CgroupOptions withAttachType(AttachType attachType) {
        return new CgroupOptions(cgroup, mechanism, attachFlags, attachType);
    }
}
