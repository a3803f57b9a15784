package io.bpf4j.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The file descriptors this process holds, with what each points at (from /proc/self/fd). */
final class OpenFds {
    static {
        // JNA opens files of its own when first used (/dev/urandom, its extracted library):
        // initialise it here so that a test's first snapshot already holds them.
        io.bpf4j.syscall.Bpf.system();
    }

    private OpenFds() {
    }

    static Map<Integer, String> snapshot() {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            entries.forEach(p -> {
                try {
                    fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    // the fd of the directory listing itself is gone by now
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fds.values().removeIf(target -> target.startsWith("/proc/") && target.endsWith("/fd"));
        return fds;
    }

    /** Only BPF objects: what a leak of the loader would show up as. */
    static Map<Integer, String> bpfObjects() {
        Map<Integer, String> fds = snapshot();
        fds.values().removeIf(target -> !target.startsWith("anon_inode:bpf") && !target.contains("perf_event"));
        return fds;
    }
}
