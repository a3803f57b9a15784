package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link SocketPlugin}: the socket to attach to. The socket stays the caller's: the
 * link neither owns nor closes it, and the caller keeps it open until the link is closed.
 *
 * @param socketFd the socket's descriptor
 */
public record SocketOptions(int socketFd) implements AttachOptions {

    /** Checks the descriptor. */
    public SocketOptions {
        if (socketFd < 0) {
            throw new IllegalArgumentException("not a socket descriptor: " + socketFd);
        }
    }
}
