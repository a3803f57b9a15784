package io.bpf4j.maven.internal;

/**
 * A BPF build step failed in a way the user must fix (a missing tool, a compile error, an
 * unreadable BTF file); the message says what happened and what to do, and becomes the
 * Maven failure message unchanged.
 */
public final class BpfBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how to fix it
     */
    public BpfBuildException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed and how to fix it
     * @param cause   the underlying error
     */
    public BpfBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
