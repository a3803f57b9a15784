package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import java.nio.file.Path;

/**
 * Opens what the attach calls take as targets: a cgroup directory, a network namespace, an
 * interface index. Attach-time only.
 */
final class AttachTargets {

    /** The calling thread's network namespace. */
    static final Path CURRENT_NETNS = Path.of("/proc/thread-self/ns/net");

    private AttachTargets() {
    }

    static String describe(AttachContext context) {
        return "program " + context.programName() + " (" + context.sectionName() + ")";
    }

    /** {@return a descriptor of the cgroup v2 directory {@code path}} */
    static OwnedFd openCgroup(Bpf bpf, Path path, String description) {
        try {
            return bpf.open(path.toString(), Bpf.O_DIRECTORY);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + ": cannot open cgroup " + path
                    + " (a cgroup v2 directory, e.g. under /sys/fs/cgroup or /sys/fs/cgroup/unified)", e);
        }
    }

    /** {@return a descriptor of the network namespace file {@code path}} */
    static OwnedFd openNetns(Bpf bpf, Path path, String description) {
        try {
            return bpf.open(path.toString(), 0);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + ": cannot open network namespace " + path, e);
        }
    }

    /** {@return the interface's index: {@code ifindex} if positive, else {@code name}'s} */
    static int interfaceIndex(Bpf bpf, String name, int ifindex, String description) {
        if (ifindex > 0) {
            return ifindex;
        }
        try {
            return bpf.interfaceIndex(name);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + ": no network interface " + name
                    + " in this network namespace", e);
        }
    }
}
