package io.bpf4j.headers.internal;

/**
 * The UAPI header handed to the helper generator is not shaped as expected: the message names
 * the file and the line, so a new kernel's {@code bpf.h} that changed format is diagnosed at once.
 */
public final class UapiFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param origin the file that was parsed
     * @param line   the 1-based line where the problem is, or 0 when it concerns the whole file
     * @param detail what is wrong
     */
    public UapiFormatException(String origin, int line, String detail) {
        super(origin + (line > 0 ? ":" + line : "") + ": " + detail);
    }
}
