package io.bpf4j.core.internal;

/**
 * A relocation that cannot be applied: a bad access string, an id out of range, an ambiguity.
 * Carries only the reason; {@link io.bpf4j.core.CoreRelocator} adds the program, instruction and
 * record when it turns this into a {@link io.bpf4j.core.CoreRelocationException}.
 */
public final class InvalidRelocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong, in a few words
     */
    public InvalidRelocationException(String reason) {
        super(reason);
    }

    /**
     * Creates the exception with a cause (malformed BTF met while following the relocation).
     *
     * @param reason what is wrong
     * @param cause the underlying failure
     */
    public InvalidRelocationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
