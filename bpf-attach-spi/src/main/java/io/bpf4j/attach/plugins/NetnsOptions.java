package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of {@link NetnsPlugin}: the network namespace to attach to.
 *
 * @param netns a network namespace file: {@code /proc/<pid>/ns/net}, {@code /run/netns/<name>}
 */
public record NetnsOptions(Path netns) implements AttachOptions {

    /** Checks the path. */
    public NetnsOptions {
        Objects.requireNonNull(netns, "netns");
    }

    /** {@return options for the calling thread's network namespace} */
    public static NetnsOptions current() {
        return new NetnsOptions(AttachTargets.CURRENT_NETNS);
    }

    /** {@return options for the namespace {@code ip netns add name} made ({@code /run/netns/<name>})} */
    public static NetnsOptions named(String name) {
        return new NetnsOptions(Path.of("/run/netns", name));
    }
}
