package io.bpf4j.attach;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgAttachRequest;
import java.util.Objects;

/**
 * An attachment made the pre-link way ({@code BPF_PROG_ATTACH}): it lives in the target (a
 * cgroup, a sockmap, a network namespace), not in a descriptor, so closing this object detaches
 * it explicitly ({@code BPF_PROG_DETACH}). Used where the kernel has no {@code bpf_link} for the
 * hook, or as the fallback of one.
 *
 * <p>Unlike a {@link BpfLink}, the attachment survives the process if {@link #close()} is never
 * called.
 */
public final class ProgAttachment extends DetachOnceLink {

    private final Bpf bpf;
    private final OwnedFd target;
    private final int progFd;
    private final AttachType type;
    private final int flags;

    private ProgAttachment(Bpf bpf, OwnedFd target, int progFd, AttachType type, int flags, String description) {
        super(description);
        this.bpf = bpf;
        this.target = target;
        this.progFd = progFd;
        this.type = type;
        this.flags = flags;
    }

    /**
     * Attaches with {@code BPF_PROG_ATTACH}.
     *
     * @param bpf the kernel facade
     * @param target the target's descriptor, taken over: kept for the detach, closed with this
     *     attachment or on failure
     * @param progFd the program (not taken over; the caller keeps it open while attached, as the
     *     detach names it)
     * @param type the attach type
     * @param flags {@code BPF_F_ALLOW_OVERRIDE}, {@code BPF_F_ALLOW_MULTI}, or 0
     * @param description what is attached to what
     * @return the attachment
     * @throws AttachException naming {@code description} if the kernel refuses
     */
    public static ProgAttachment attach(Bpf bpf, OwnedFd target, int progFd, AttachType type, int flags,
            String description) {
        Objects.requireNonNull(bpf, "bpf");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        try {
            bpf.progAttach(ProgAttachRequest.of(target.fd(), progFd, type, flags));
        } catch (RuntimeException e) {
            target.close();
            throw new AttachException("cannot attach " + description + " (BPF_PROG_ATTACH)", e);
        }
        return new ProgAttachment(bpf, target, progFd, type, flags, description);
    }

    /** {@return the attach type} */
    public AttachType attachType() {
        return type;
    }

    /** {@return the flags it was attached with} */
    public int flags() {
        return flags;
    }

    /**
     * Detaches ({@code BPF_PROG_DETACH}) and closes the target's descriptor. A program already
     * gone from the target ({@code ENOENT}: detached by someone else) is not an error.
     *
     * @throws AttachException if the kernel refuses the detach for another reason
     */
    @Override
    protected void detach() {
        try {
            bpf.progDetach(target.fd(), progFd, type);
        } catch (BpfException e) {
            if (e.errno() != Errno.ENOENT) {
                throw new AttachException("cannot detach " + description(), e);
            }
        } finally {
            target.close();
        }
    }

    @Override
    public String toString() {
        return "ProgAttachment[" + description() + ", " + type.uapiName() + ", flags 0x" + Integer.toHexString(flags)
                + stateSuffix() + "]";
    }
}
