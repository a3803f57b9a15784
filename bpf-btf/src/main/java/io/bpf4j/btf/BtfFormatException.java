package io.bpf4j.btf;

import java.util.Optional;

/**
 * Malformed BTF or {@code .BTF.ext} data. The message names where the bytes came from (the
 * origin: a file, an object's section, "vmlinux"), the part of the format being read and the
 * byte offset of the offending field, counted from the start of the data that was parsed.
 */
public final class BtfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String section;
    private final long offset;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param origin where the bytes came from (file name, object + section, ...)
     * @param section the part of the format being read ("header", "types", "strings",
     *     "func_info", ...), or {@code null} when not known
     * @param offset the byte offset of the offending field in the parsed data
     * @param problem what is wrong, in a few words
     */
    public BtfFormatException(String origin, String section, long offset, String problem) {
        super(format(origin, section, offset, problem));
        this.origin = origin;
        this.section = section;
        this.offset = offset;
        this.problem = problem;
    }

    private static String format(String origin, String section, long offset, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(origin == null ? "<unnamed BTF>" : origin);
        if (section != null) {
            sb.append(", ").append(section);
        }
        sb.append(", offset ").append(offset).append(" (0x").append(Long.toHexString(offset)).append("): ");
        sb.append(problem);
        return sb.toString();
    }

    /** {@return where the bytes came from} */
    public String origin() {
        return origin;
    }

    /** {@return the part of the format being read, if known} */
    public Optional<String> section() {
        return Optional.ofNullable(section);
    }

    /** {@return the byte offset of the offending field in the parsed data} */
    public long offset() {
        return offset;
    }

    /** {@return what is wrong, without origin and offset} */
    public String problem() {
        return problem;
    }
}
