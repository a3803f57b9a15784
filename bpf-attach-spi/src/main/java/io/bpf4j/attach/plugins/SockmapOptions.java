package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link SockmapPlugin}: the sockmap or sockhash whose sockets the program serves.
 * The map stays the caller's; the attachment duplicates its descriptor for the detach.
 *
 * @param mapFd a {@code BPF_MAP_TYPE_SOCKMAP} or {@code BPF_MAP_TYPE_SOCKHASH} descriptor
 */
public record SockmapOptions(int mapFd) implements AttachOptions {

    /** Checks the descriptor. */
    public SockmapOptions {
        if (mapFd < 0) {
            throw new IllegalArgumentException("not a map descriptor: " + mapFd);
        }
    }
}
