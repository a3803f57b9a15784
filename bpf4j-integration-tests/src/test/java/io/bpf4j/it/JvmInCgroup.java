package io.bpf4j.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cgroup v2 directory of the test's own ({@code /sys/fs/cgroup/unified/bpf4j-<tag>-<pid>})
 * holding this JVM while it is open: the hooks under test then run for the system calls the test
 * makes itself. Closing moves the JVM back to the cgroup it came from and removes the directory.
 */
final class JvmInCgroup implements AutoCloseable {
    private static final Path MOUNT = Path.of("/sys/fs/cgroup/unified");

    private final Path path;
    private final Path home;

    private JvmInCgroup(Path path, Path home) {
        this.path = path;
        this.home = home;
    }

    /** Creates the cgroup and moves this JVM (every thread) into it. */
    static JvmInCgroup enter(String tag) throws IOException {
        Path home = MOUNT.resolve(ownCgroup());
        Path path = MOUNT.resolve("bpf4j-" + tag + "-" + ProcessHandle.current().pid());
        Files.createDirectories(path);
        try {
            moveHere(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new JvmInCgroup(path, home);
    }

    /** {@return the cgroup's directory} */
    Path path() {
        return path;
    }

    /** This process's cgroup v2 path (the {@code 0::} line of /proc/self/cgroup), relative to the mount. */
    private static String ownCgroup() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        return lines.stream().filter(l -> l.startsWith("0::")).findFirst()
                .orElseThrow(() -> new IOException("no cgroup v2 line in /proc/self/cgroup: " + lines))
                .substring(3).replaceFirst("^/", "");
    }

    private static void moveHere(Path cgroup) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
    }

    @Override
    public void close() throws IOException {
        try {
            moveHere(home);
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
