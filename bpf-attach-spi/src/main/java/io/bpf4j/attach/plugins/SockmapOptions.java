package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link SockmapPlugin}: the sockmap or sockhash whose sockets the program serves,
 * and how to attach. The map stays the caller's.
 *
 * <p>By default the plugin makes a {@code bpf_link} ({@code BPF_LINK_CREATE} on the map, Linux
 * 6.10: the program is detached when the link is closed) and falls back to
 * {@code BPF_PROG_ATTACH} on kernels without sockmap links; {@link #viaProgAttach()} asks for
 * {@code BPF_PROG_ATTACH} directly.
 *
 * <p>Either way the map's programs are taken by a socket when it is inserted: attach before
 * inserting sockets, and know that a socket inserted while the program was attached keeps
 * running it until the socket leaves the map.
 *
 * @param mapFd a {@code BPF_MAP_TYPE_SOCKMAP} or {@code BPF_MAP_TYPE_SOCKHASH} descriptor
 * @param progAttach true to use {@code BPF_PROG_ATTACH} (and {@code BPF_PROG_DETACH} at close)
 *     even where the kernel has sockmap links
 */
public record SockmapOptions(int mapFd, boolean progAttach) implements AttachOptions {

    /** Checks the descriptor. */
    public SockmapOptions {
        if (mapFd < 0) {
            throw new IllegalArgumentException("not a map descriptor: " + mapFd);
        }
    }

    /**
     * Options for the map {@code mapFd}: a {@code bpf_link} where the kernel has one, else
     * {@code BPF_PROG_ATTACH}.
     *
     * @param mapFd a {@code BPF_MAP_TYPE_SOCKMAP} or {@code BPF_MAP_TYPE_SOCKHASH} descriptor
     */
    public SockmapOptions(int mapFd) {
        this(mapFd, false);
    }

    /** {@return these options, attaching with {@code BPF_PROG_ATTACH} whatever the kernel} */
    public SockmapOptions viaProgAttach() {
        return new SockmapOptions(mapFd, true);
    }
}
