package io.bpf4j.syscall;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each open {@link OwnedFd} was created, for leak reports: a test kit
 * that finds a BPF descriptor left open after a test can say which code made
 * it. Off by default (capturing a stack trace per descriptor is not free); on
 * with {@link #enable()} or the system property {@code bpf4j.trackCreationSites=true}.
 */
public final class CreationSites {
    private static volatile boolean enabled = Boolean.getBoolean("bpf4j.trackCreationSites");
    private static final Map<Integer, Throwable> SITES = new ConcurrentHashMap<>();

    private CreationSites() {
    }

    /** Starts recording the creation site of every descriptor adopted from now on. */
    public static void enable() {
        enabled = true;
    }

    /** {@return whether creation sites are being recorded} */
    public static boolean isEnabled() {
        return enabled;
    }

    /**
     * @param fd a descriptor number of this process
     * @return the stack that created the {@link OwnedFd} now holding {@code fd}, if recorded
     */
    public static Optional<StackTraceElement[]> of(int fd) {
        Throwable site = SITES.get(fd);
        return site == null ? Optional.empty() : Optional.of(site.getStackTrace());
    }

    static void created(int fd) {
        if (enabled) {
            SITES.put(fd, new Throwable("created here"));
        }
    }

    static void closed(int fd) {
        SITES.remove(fd);
    }
}
