package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads tracepoint ids from tracefs. Attach-time only: the kernel is consulted when a program is
 * attached, never when it is defined.
 */
final class Tracefs {

    /** Where tracefs is mounted: its own mount point (Linux 4.1), then the one inside debugfs. */
    static final List<Path> MOUNT_POINTS = List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"));

    private Tracefs() {
    }

    /**
     * {@return the mounted tracefs root}
     *
     * @throws AttachException if tracefs is mounted at none of {@link #MOUNT_POINTS}
     */
    static Path root() {
        for (Path candidate : MOUNT_POINTS) {
            // An unmounted mount point is an empty directory: "events" tells a mounted tracefs.
            if (Files.isDirectory(candidate.resolve("events"))) {
                return candidate;
            }
        }
        throw new AttachException("tracefs is not mounted at " + MOUNT_POINTS.get(0) + " or " + MOUNT_POINTS.get(1)
                + " (mount it with: mount -t tracefs nodev /sys/kernel/tracing)");
    }

    /**
     * {@return the id of tracepoint {@code category/name} ({@code events/<category>/<name>/id})}
     *
     * @param category the tracepoint's category (subsystem), such as {@code sched}
     * @param name the tracepoint's name, such as {@code sched_process_exec}
     * @throws AttachException if tracefs is not mounted or has no such tracepoint
     */
    static long tracepointId(String category, String name) {
        checkComponent(category, "category");
        checkComponent(name, "name");
        Path root = root();
        Path idFile = root.resolve("events").resolve(category).resolve(name).resolve("id");
        try {
            String text = new String(Files.readAllBytes(idFile), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(text);
        } catch (NoSuchFileException e) {
            throw new AttachException("tracepoint " + category + "/" + name + " does not exist (no " + idFile + ")");
        } catch (IOException | NumberFormatException e) {
            throw new AttachException("cannot read the id of tracepoint " + category + "/" + name + " from " + idFile, e);
        }
    }

    private static void checkComponent(String value, String what) {
        if (value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..")) {
            throw new AttachException("invalid tracepoint " + what + " '" + value + "'");
        }
    }
}
