package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link RawTracepointPlugin}: which raw tracepoint to attach to.
 *
 * @param name the tracepoint's name without category, such as {@code sched_switch}
 */
public record RawTracepointOptions(String name) implements AttachOptions {

    /**
     * Checks the name.
     *
     * @throws IllegalArgumentException if the name is empty or contains a slash
     */
    public RawTracepointOptions {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("raw tracepoint name must be non-empty and without '/': " + name);
        }
    }
}
