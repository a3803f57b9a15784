package io.bpf4j.elf;

import java.util.Optional;

/**
 * Malformed ELF input, or a BPF object whose contents break the rules a loader relies on. The
 * message names the file (the origin), the section being read and the byte offset of the
 * offending field. The offset is counted from the start of the named section when a section is
 * named, otherwise from the start of the file.
 */
public final class ElfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String section;
    private final long offset;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param origin the file (or the name given to in-memory bytes)
     * @param section the section being read, or {@code null} for the file's headers
     * @param offset byte offset within {@code section}, or within the file when no section is named
     * @param problem what is wrong, in a few words
     */
    public ElfFormatException(String origin, String section, long offset, String problem) {
        this(origin, section, offset, problem, null);
    }

    /**
     * Creates the exception with a cause (for example a {@code BtfFormatException} from a
     * {@code .BTF} section).
     *
     * @param origin the file (or the name given to in-memory bytes)
     * @param section the section being read, or {@code null} for the file's headers
     * @param offset byte offset within {@code section}, or within the file when no section is named
     * @param problem what is wrong, in a few words
     * @param cause the underlying failure, or {@code null}
     */
    public ElfFormatException(String origin, String section, long offset, String problem, Throwable cause) {
        super(format(origin, section, offset, problem), cause);
        this.origin = origin;
        this.section = section;
        this.offset = offset;
        this.problem = problem;
    }

    private static String format(String origin, String section, long offset, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(origin == null ? "<unnamed ELF>" : origin);
        if (section != null) {
            sb.append(", section '").append(section).append('\'');
        }
        sb.append(section == null ? ", file offset " : ", offset ");
        sb.append(offset).append(" (0x").append(Long.toHexString(offset)).append("): ").append(problem);
        return sb.toString();
    }

    /** {@return the file (or the name given to in-memory bytes)} */
    public String origin() {
        return origin;
    }

    /** {@return the section being read, empty for the file's headers} */
    public Optional<String> section() {
        return Optional.ofNullable(section);
    }

    /** {@return the byte offset: within the section if one is named, else within the file} */
    public long offset() {
        return offset;
    }

    /** {@return what is wrong, without origin, section and offset} */
    public String problem() {
        return problem;
    }
}
