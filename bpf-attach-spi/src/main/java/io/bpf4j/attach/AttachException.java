package io.bpf4j.attach;

/**
 * The one exception type of the attach SPI: a section name no plugin claims or that is malformed
 * for its plugin, a target missing from the running kernel, or a kernel refusal while attaching.
 * The message always names the section (and the program, when there is one); a kernel error is
 * kept as the {@linkplain #getCause() cause}.
 */
public class AttachException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong, naming the section
     */
    public AttachException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong, naming the section
     * @param cause the underlying failure, usually a {@code BpfException}
     */
    public AttachException(String message, Throwable cause) {
        super(cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
