package io.bpf4j.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The process's kernel-object descriptors (anonymous inodes: maps, programs, links, BTF, perf
 * events, epoll, eventfd; pipes and sockets), from /proc/self/fd. Class-path jars the JVM opens
 * lazily are left out so a snapshot compares only what bpf(2) and friends create.
 */
record FdSnapshot(Map<Integer, String> fds) {
    static FdSnapshot take() {
        Map<Integer, String> fds = new TreeMap<>();
        Path dir = Path.of("/proc/self/fd");
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(entry -> {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.startsWith("anon_inode:") || target.startsWith("pipe:")
                            || target.startsWith("socket:") || target.startsWith("/sys/fs/bpf")) {
                        fds.put(Integer.parseInt(entry.getFileName().toString()), target);
                    }
                } catch (IOException e) {
                    // The directory stream's own descriptor vanishes while listing: not ours.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FdSnapshot(fds);
    }

    /** Runs {@code body} and fails if it left the process with other descriptors than before. */
    static void assertNoLeak(Runnable body) {
        FdSnapshot before = take();
        body.run();
        assertEquals(before, take(), "descriptors before vs after");
    }
}
