package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.DetachOnceLink;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;

/**
 * A program attached to a socket with {@code setsockopt}: a socket filter ({@code SO_ATTACH_BPF})
 * or a reuseport selector ({@code SO_ATTACH_REUSEPORT_EBPF}). Closing detaches it with the
 * matching {@code SO_DETACH_*} option; the socket itself is not closed.
 */
public final class SocketOptionLink extends DetachOnceLink {

    private final Bpf bpf;
    private final int socketFd;
    private final int detachOption;

    SocketOptionLink(Bpf bpf, int socketFd, int detachOption, String description) {
        super(description);
        this.bpf = bpf;
        this.socketFd = socketFd;
        this.detachOption = detachOption;
    }

    /** {@return the socket's descriptor (not owned)} */
    public int socketFd() {
        return socketFd;
    }

    @Override
    protected void detach() {
        try {
            bpf.setsockopt(socketFd, SocketPlugin.SOL_SOCKET, detachOption, 0);
        } catch (BpfException e) {
            // ENOENT: nothing attached any more; EBADF/ENOTSOCK: the socket is gone, and its filter with it.
            if (e.errno() != Errno.ENOENT && e.errno() != Errno.EBADF && e.errno() != Errno.ENOTSOCK) {
                throw new AttachException("cannot detach " + description(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "SocketOptionLink[" + description() + stateSuffix() + "]";
    }
}
