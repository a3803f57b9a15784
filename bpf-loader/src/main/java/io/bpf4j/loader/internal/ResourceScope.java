package io.bpf4j.loader.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything one {@code load()} has created so far, closed in reverse order
 * when the load fails half-way, so a failure leaks no fd, mapping or link.
 * On success the owners keep their resources and the scope is forgotten.
 */
public final class ResourceScope implements AutoCloseable {
    private final Deque<AutoCloseable> created = new ArrayDeque<>();

    /**
     * Remembers a resource just created.
     *
     * @param resource what to close if the load fails
     * @param <T>      its type
     * @return {@code resource}, for chaining
     */
    public <T extends AutoCloseable> T add(T resource) {
        created.push(resource);
        return resource;
    }

    /** Keeps every resource open: the load succeeded and the owners hold them. */
    public void commit() {
        created.clear();
    }

    /**
     * Closes everything not committed, newest first. Failures to close are
     * added to {@code cause} as suppressed exceptions rather than hiding it.
     *
     * @param cause the failure that aborts the load, or {@code null}
     */
    public void closeAll(Throwable cause) {
        while (!created.isEmpty()) {
            try {
                created.pop().close();
            } catch (Exception | Error e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    @Override
    public void close() {
        closeAll(null);
    }
}
