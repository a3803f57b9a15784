package io.bpf4j.btf;

/**
 * One {@code struct bpf_line_info} record of {@code .BTF.ext} ({@code linux/bpf.h}). The string
 * offsets are kept raw because the kernel takes them as they are; {@link #fileName(Btf)} and
 * {@link #lineText(Btf)} look them up.
 *
 * @param insnOffset the instruction; in an object file, in bytes from the start of its ELF section
 * @param fileNameOffset string offset of the source file name in {@code .BTF}
 * @param lineOffset string offset of the source line's text in {@code .BTF}
 * @param line the line number ({@code BPF_LINE_INFO_LINE_NUM}: the upper 22 bits of line_col)
 * @param column the column ({@code BPF_LINE_INFO_LINE_COL}: the lower 10 bits of line_col)
 */
public record LineInfo(int insnOffset, int fileNameOffset, int lineOffset, int line, int column) {
    /** {@return the packed {@code line_col} field the kernel takes: line &lt;&lt; 10 | column} */
    public int lineCol() {
        return (line << 10) | (column & 0x3ff);
    }

    /**
     * Returns the source file name.
     *
     * @param btf the {@code .BTF} that the offsets index
     * @return the file name
     * @throws BtfFormatException if the offset is outside its string section
     */
    public String fileName(Btf btf) {
        return btf.string(fileNameOffset);
    }

    /**
     * Returns the source line's text.
     *
     * @param btf the {@code .BTF} that the offsets index
     * @return the text of the line
     * @throws BtfFormatException if the offset is outside its string section
     */
    public String lineText(Btf btf) {
        return btf.string(lineOffset);
    }
}
