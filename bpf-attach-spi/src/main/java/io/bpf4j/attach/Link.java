package io.bpf4j.attach;

import io.bpf4j.syscall.OwnedFd;
import java.util.Optional;

/**
 * An attachment of a program to a hook: while it is open, the program runs when the hook fires.
 *
 * <p>Closing detaches (unless the link was pinned in bpffs, which keeps the kernel object
 * alive); {@link #close()} is idempotent and throws no checked exception.
 *
 * @see BpfLink
 * @see PerfEventLink
 */
public interface Link extends AutoCloseable {

    /** {@return what is attached to what, for messages and logs} */
    String description();

    /** {@return whether this link is still open} */
    boolean isOpen();

    /**
     * {@return the descriptor of the kernel {@code bpf_link} behind this attachment, if there is
     * one} (for pinning or {@code BPF_OBJ_GET_INFO_BY_FD}); still owned by this link
     */
    default Optional<OwnedFd> linkFd() {
        return Optional.empty();
    }

    /** Detaches and releases every descriptor this link owns. Idempotent. */
    @Override
    void close();
}
