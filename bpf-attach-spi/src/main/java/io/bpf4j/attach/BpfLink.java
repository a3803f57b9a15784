package io.bpf4j.attach;

import io.bpf4j.syscall.OwnedFd;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel {@code bpf_link} (from {@code BPF_LINK_CREATE} or {@code BPF_RAW_TRACEPOINT_OPEN}):
 * the program stays attached while the descriptor is open, or while the link is pinned.
 */
public final class BpfLink implements Link {

    private final OwnedFd fd;
    private final String description;

    /**
     * Takes ownership of a link descriptor.
     *
     * @param fd the {@code bpf_link} descriptor, now owned by this object
     * @param description what is attached to what
     */
    public BpfLink(OwnedFd fd, String description) {
        this.fd = Objects.requireNonNull(fd, "fd");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** {@return the link's descriptor, owned by this object} */
    public OwnedFd fd() {
        return fd;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return fd.isOpen();
    }

    @Override
    public Optional<OwnedFd> linkFd() {
        return fd.isOpen() ? Optional.of(fd) : Optional.empty();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "BpfLink[" + description + ", " + fd + "]";
    }
}
