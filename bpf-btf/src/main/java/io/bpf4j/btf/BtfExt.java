package io.bpf4j.btf;

import io.bpf4j.btf.internal.ExtParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code .BTF.ext} section of a BPF object: per ELF section, the function starts
 * ({@link FuncInfo}), source line mapping ({@link LineInfo}) and CO-RE relocations
 * ({@link CoreRelocationRecord}) clang wrote. Offsets are in bytes from the start of the ELF
 * section, as in the file. Parsed eagerly (the section is small); immutable.
 */
public final class BtfExt {
    private final String origin;
    private final ExtParser.Result result;

    private BtfExt(String origin, ExtParser.Result result) {
        this.origin = origin;
        this.result = result;
    }

    /**
     * Parses {@code .BTF.ext}. The byte order is detected from the magic.
     *
     * @param data the section's bytes from position to limit
     * @param btf the object's {@code .BTF}, whose string section holds section names and access strings
     * @param origin where the bytes came from, used in error messages
     * @return the parsed section
     * @throws BtfFormatException if the data is malformed
     */
    public static BtfExt parse(ByteBuffer data, Btf btf, String origin) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(btf, "btf");
        return new BtfExt(origin, ExtParser.parse(data, origin, btf::string));
    }

    /** {@return where the bytes came from} */
    public String origin() {
        return origin;
    }

    /** {@return the byte order of the data} */
    public ByteOrder order() {
        return result.order();
    }

    /** {@return the func_info records by ELF section name, in file order} */
    public Map<String, List<FuncInfo>> funcInfos() {
        return result.funcInfos();
    }

    /** {@return the line_info records by ELF section name, in file order} */
    public Map<String, List<LineInfo>> lineInfos() {
        return result.lineInfos();
    }

    /** {@return the CO-RE relocation records by ELF section name, in file order} */
    public Map<String, List<CoreRelocationRecord>> coreRelocations() {
        return result.coreRelocations();
    }

    /** {@return the func_info record size in the file (0 without func_info); the kernel takes it as func_info_rec_size} */
    public int funcInfoRecordSize() {
        return result.funcInfoRecordSize();
    }

    /** {@return the line_info record size in the file (0 without line_info); the kernel takes it as line_info_rec_size} */
    public int lineInfoRecordSize() {
        return result.lineInfoRecordSize();
    }

    /** {@return the CO-RE relocation record size in the file (0 without CO-RE relocations)} */
    public int coreRelocationRecordSize() {
        return result.coreRelocationRecordSize();
    }

    @Override
    public String toString() {
        return "BtfExt[" + origin + ", func_info in " + funcInfos().size() + " sections, line_info in "
                + lineInfos().size() + " sections, core_relo in " + coreRelocations().size() + " sections]";
    }
}
