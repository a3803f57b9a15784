package io.bpf4j.attach;

import java.util.List;
import java.util.Objects;

/**
 * Several attachments that act as one, such as a sampling program attached to a perf event on
 * every CPU. Closing closes every part, even when one fails (the first failure is thrown with the
 * others suppressed).
 */
public final class CompositeLink implements Link {

    private final List<Link> parts;
    private final String description;

    /**
     * Takes ownership of {@code parts}.
     *
     * @param parts the attachments, closed with this link
     * @param description what is attached to what
     */
    public CompositeLink(List<? extends Link> parts, String description) {
        this.parts = List.copyOf(parts);
        this.description = Objects.requireNonNull(description, "description");
    }

    /** {@return the parts, in the order they were made} */
    public List<Link> parts() {
        return parts;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return parts.stream().anyMatch(Link::isOpen);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Link part : parts) {
            try {
                part.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes {@code links} after a failure, adding their own failures to {@code cause}.
     *
     * @param links what was made before the failure
     * @param cause the failure
     */
    public static void closeAfterFailure(List<? extends Link> links, Throwable cause) {
        for (Link link : links) {
            try {
                link.close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeLink[" + description + ", " + parts.size() + " parts]";
    }
}
