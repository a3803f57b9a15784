package io.bpf4j.attach;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.LinkCreateRequest;
import io.bpf4j.syscall.OwnedFd;
import java.util.Objects;
import java.util.Optional;

/**
 * A program attached to a perf event (a tracepoint, kprobe, uprobe or software event opened with
 * {@code perf_event_open}).
 *
 * <p>On kernels with perf links (Linux 5.15) the attachment is a {@code bpf_link} of type
 * {@code BPF_PERF_EVENT}, which can carry a BPF cookie; on older kernels it falls back to
 * {@code ioctl(PERF_EVENT_IOC_SET_BPF)}, where the attachment lives as long as the perf event
 * descriptor. Either way this object owns the perf event and closes it last.
 */
public final class PerfEventLink implements Link {

    private final OwnedFd perfEvent;
    private final OwnedFd bpfLink;
    private final String description;
    private final Bpf bpf;

    private PerfEventLink(Bpf bpf, OwnedFd perfEvent, OwnedFd bpfLink, String description) {
        this.bpf = bpf;
        this.perfEvent = perfEvent;
        this.bpfLink = bpfLink;
        this.description = description;
    }

    /**
     * Attaches a program to an open perf event and takes ownership of the event: on failure the
     * event is closed before the exception leaves.
     *
     * @param bpf the kernel facade
     * @param perfEvent an open perf event; owned by the returned link (or closed on failure)
     * @param programFd the loaded program
     * @param cookie the BPF cookie ({@code bpf_get_attach_cookie()}), 0 for none; a non-zero
     *     cookie needs perf links (Linux 5.15)
     * @param description what is attached to what, for messages
     * @return the link
     * @throws AttachException if the kernel refuses both ways, naming {@code description}
     */
    public static PerfEventLink attach(Bpf bpf, OwnedFd perfEvent, int programFd, long cookie, String description) {
        Objects.requireNonNull(bpf, "bpf");
        Objects.requireNonNull(perfEvent, "perfEvent");
        Objects.requireNonNull(description, "description");
        try {
            OwnedFd link;
            try {
                link = bpf.linkCreate(new LinkCreateRequest(programFd, perfEvent.fd(), AttachType.PERF_EVENT, 0, 0, cookie, null));
            } catch (BpfException e) {
                if (e.errno() != Errno.EINVAL && e.errno() != Errno.EOPNOTSUPP) {
                    throw new AttachException("cannot attach " + description, e);
                }
                if (cookie != 0) {
                    throw new AttachException("cannot attach " + description
                            + " with a BPF cookie: the kernel has no perf links (Linux 5.15)", e);
                }
                return attachWithIoctl(bpf, perfEvent, programFd, description, e);
            }
            try {
                bpf.perfEventEnable(perfEvent.fd());
            } catch (RuntimeException e) {
                link.close();
                throw new AttachException("cannot enable the perf event of " + description, e);
            }
            return new PerfEventLink(bpf, perfEvent, link, description);
        } catch (RuntimeException | Error e) {
            perfEvent.close();
            throw e;
        }
    }

    private static PerfEventLink attachWithIoctl(Bpf bpf, OwnedFd perfEvent, int programFd, String description,
            BpfException linkFailure) {
        try {
            bpf.perfEventSetBpf(perfEvent.fd(), programFd);
            bpf.perfEventEnable(perfEvent.fd());
        } catch (RuntimeException e) {
            AttachException failure = new AttachException("cannot attach " + description, e);
            failure.addSuppressed(linkFailure);
            throw failure;
        }
        return new PerfEventLink(bpf, perfEvent, null, description);
    }

    /** {@return the perf event's descriptor, owned by this link} */
    public OwnedFd perfEventFd() {
        return perfEvent;
    }

    /** {@return whether the attachment is a {@code bpf_link} (false: the ioctl fallback)} */
    public boolean usesBpfLink() {
        return bpfLink != null;
    }

    @Override
    public Optional<OwnedFd> linkFd() {
        return bpfLink != null && bpfLink.isOpen() ? Optional.of(bpfLink) : Optional.empty();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return perfEvent.isOpen();
    }

    @Override
    public void close() {
        if (!perfEvent.isOpen()) {
            return;
        }
        try {
            if (bpfLink != null) {
                bpfLink.close();
            } else {
                // Stop the event before the descriptor goes, as libbpf does, so no late hit runs.
                try {
                    bpf.perfEventDisable(perfEvent.fd());
                } catch (RuntimeException ignored) {
                    // closing detaches anyway
                }
            }
        } finally {
            perfEvent.close();
        }
    }

    @Override
    public String toString() {
        return "PerfEventLink[" + description + ", " + perfEvent + (bpfLink != null ? ", " + bpfLink : ", ioctl") + "]";
    }
}
