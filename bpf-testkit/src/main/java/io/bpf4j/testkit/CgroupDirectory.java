package io.bpf4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A fresh directory in the cgroup v2 hierarchy (found in
 * {@code /proc/self/mounts}: {@code /sys/fs/cgroup} on unified hosts,
 * {@code /sys/fs/cgroup/unified} on hybrid ones), for cgroup programs
 * ({@code cgroup_skb}, {@code cgroup/connect4}, ...): attach to
 * {@link #path()}, move a process in with {@link #addProcess(long)}. Closing
 * moves its processes back to the parent and removes the directory.
 */
public final class CgroupDirectory implements AutoCloseable {
    private final Path path;
    private boolean closed;

    private CgroupDirectory(Path path) {
        this.path = path;
    }

    /**
     * @return a new, empty cgroup; close it
     * @throws IllegalStateException when there is no cgroup v2 mount or the directory cannot be made
     */
    public static CgroupDirectory create() {
        Path root = cgroup2Mount();
        Path dir = root.resolve("bpf4j-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create cgroup " + dir + ": " + e, e);
        }
        return new CgroupDirectory(dir);
    }

    /** {@return the mount point of the cgroup v2 hierarchy} @throws IllegalStateException when none */
    public static Path cgroup2Mount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("cgroup2")) {
                    return Path.of(f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no cgroup2 file system is mounted (mount -t cgroup2 none /sys/fs/cgroup/unified)");
    }

    /** {@return the directory} */
    public Path path() {
        return path;
    }

    /**
     * Moves a process into this cgroup.
     *
     * @param pid the process
     */
    public void addProcess(long pid) {
        write(path.resolve("cgroup.procs"), pid);
    }

    /** {@return the pids in this cgroup} */
    public List<Long> processes() {
        try {
            return Files.readAllLines(path.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank())
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves remaining processes to the parent and removes the directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (long pid : processes()) {
            write(path.getParent().resolve("cgroup.procs"), pid);
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove cgroup " + path, e);
        }
    }

    private static void write(Path file, long pid) {
        try {
            Files.writeString(file, Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pid + " to " + file, e);
        }
    }

    @Override
    public String toString() {
        return "CgroupDirectory[" + path + "]";
    }
}
