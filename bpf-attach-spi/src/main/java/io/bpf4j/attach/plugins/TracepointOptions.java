package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link TracepointPlugin}: which tracepoint to attach to.
 *
 * @param category the tracepoint's category (its directory under tracefs {@code events/}), such
 *     as {@code sched}
 * @param name the tracepoint's name, such as {@code sched_process_exec}
 * @param cookie the BPF cookie returned by {@code bpf_get_attach_cookie()}, 0 for none
 *     (needs Linux 5.15)
 */
public record TracepointOptions(String category, String name, long cookie) implements AttachOptions {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if category or name is empty or contains a slash
     */
    public TracepointOptions {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        if (category.isEmpty() || category.contains("/") || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("tracepoint category and name must be non-empty and without '/': "
                    + category + "/" + name);
        }
    }

    /**
     * Options without a cookie.
     *
     * @param category the tracepoint's category
     * @param name the tracepoint's name
     */
    public TracepointOptions(String category, String name) {
        this(category, name, 0);
    }
}
