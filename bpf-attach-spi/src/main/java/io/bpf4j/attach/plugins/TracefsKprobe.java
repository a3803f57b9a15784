package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The legacy kprobe path, for kernels without the kprobe PMU: a probe defined by writing
 * {@code p:bpf4j/<name> <function>+<offset>} (or {@code r:...}) to tracefs's
 * {@code kprobe_events}, then opened as a tracepoint by its id, and removed with
 * {@code -:bpf4j/<name>} when detached.
 */
final class TracefsKprobe {

    static final String GROUP = "bpf4j";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TracefsKprobe() {
    }

    /** {@return a name unique to this process and probe} */
    static String eventName(String function) {
        return function.replace('.', '_') + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** Defines the probe; {@return its tracepoint id} */
    static long define(String event, String function, long offset, boolean retprobe, String description) {
        Path file = Tracefs.root().resolve("kprobe_events");
        String definition = (retprobe ? "r" : "p") + ":" + GROUP + "/" + event + " " + function
                + (offset != 0 ? "+" + offset : "") + "\n";
        write(file, definition, description);
        try {
            return Tracefs.tracepointId(GROUP, event);
        } catch (AttachException e) {
            remove(event);
            throw e;
        }
    }

    /** Removes the probe; errors are ignored (it may be gone with a module). */
    static void remove(String event) {
        try {
            Files.writeString(Tracefs.root().resolve("kprobe_events"), "-:" + GROUP + "/" + event + "\n",
                    StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException ignored) {
            // nothing left to undo
        }
    }

    private static void write(Path file, String text, String description) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AttachException("cannot attach " + description + ": writing '" + text.strip() + "' to " + file
                    + " failed (no CONFIG_KPROBE_EVENTS, or the function cannot be probed)", e);
        }
    }
}
