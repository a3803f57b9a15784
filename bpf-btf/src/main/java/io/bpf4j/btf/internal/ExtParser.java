package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads {@code .BTF.ext}: {@code struct btf_ext_header} (libbpf's {@code libbpf_internal.h}), then
 * up to three subsections (func_info, line_info, core_relo), each a u32 record size followed by
 * per-ELF-section blocks {@code {sec_name_off, num_info, records[num_info]}}.
 */
public final class ExtParser {
    /** Header size up to and including line_info_len (the first .BTF.ext format). */
    static final int HEADER_MIN = 24;
    /** Header size including core_relo_off/len (libbpf 0.0.9 / LLVM 10+). */
    static final int HEADER_WITH_CORE = 32;
    /** {@code sizeof(struct bpf_func_info)}. */
    static final int FUNC_INFO_MIN = 8;
    /** {@code sizeof(struct bpf_line_info)}. */
    static final int LINE_INFO_MIN = 16;
    /** {@code sizeof(struct bpf_core_relo)}. */
    static final int CORE_RELO_MIN = 16;

    /** What a parsed {@code .BTF.ext} holds; lists and maps are unmodifiable. */
    public record Result(ByteOrder order, int funcInfoRecordSize, Map<String, List<FuncInfo>> funcInfos,
            int lineInfoRecordSize, Map<String, List<LineInfo>> lineInfos, int coreRelocationRecordSize,
            Map<String, List<CoreRelocationRecord>> coreRelocations) {
    }

    private interface RecordReader<T> {
        T read(ByteBuffer buf, int at);
    }

    private final ByteBuffer buf;
    private final String origin;
    private final IntFunction<String> strings;

    private ExtParser(ByteBuffer buf, String origin, IntFunction<String> strings) {
        this.buf = buf;
        this.origin = origin;
        this.strings = strings;
    }

    /**
     * Parses {@code .BTF.ext}.
     *
     * @param data the bytes from position to limit
     * @param origin where they came from
     * @param strings looks up an offset in the {@code .BTF} string section; throws
     *     {@link BtfFormatException} when out of range
     * @return the records by ELF section name
     */
    public static Result parse(ByteBuffer data, String origin, IntFunction<String> strings) {
        ByteOrder order = TypeTable.detectOrder(data, origin, "header");
        ByteBuffer buf = data.slice().order(order).asReadOnlyBuffer().order(order);
        return new ExtParser(buf, origin, strings).parse();
    }

    private Result parse() {
        int length = buf.limit();
        if (length < HEADER_MIN) {
            throw new BtfFormatException(origin, "header", length,
                    "truncated .BTF.ext header: " + length + " bytes, need at least " + HEADER_MIN);
        }
        int version = buf.get(2) & 0xff;
        if (version != BtfLayout.VERSION) {
            throw new BtfFormatException(origin, "header", 2, "unsupported .BTF.ext version " + version);
        }
        long hdrLen = u32(4);
        if (hdrLen < HEADER_MIN || hdrLen > length) {
            throw new BtfFormatException(origin, "header", 4,
                    "hdr_len " + hdrLen + " is outside [" + HEADER_MIN + ", " + length + "]");
        }
        int hdr = (int) hdrLen;
        int[] funcSize = new int[1];
        int[] lineSize = new int[1];
        int[] coreSize = new int[1];
        Map<String, List<FuncInfo>> funcs = subsection("func_info", hdr, 8, FUNC_INFO_MIN, funcSize,
                (b, at) -> new FuncInfo(b.getInt(at), b.getInt(at + 4)));
        Map<String, List<LineInfo>> lines = subsection("line_info", hdr, 16, LINE_INFO_MIN, lineSize,
                (b, at) -> {
                    int lineCol = b.getInt(at + 12);
                    return new LineInfo(b.getInt(at), b.getInt(at + 4), b.getInt(at + 8), lineCol >>> 10, lineCol & 0x3ff);
                });
        Map<String, List<CoreRelocationRecord>> core = Map.of();
        if (hdr >= HEADER_WITH_CORE) {
            core = subsection("core_relo", hdr, 24, CORE_RELO_MIN, coreSize, (b, at) -> {
                int kind = b.getInt(at + 12);
                if (kind < 0 || kind > CoreRelocationKind.TYPE_MATCHES.value()) {
                    throw new BtfFormatException(origin, "core_relo", at + 12,
                            "unknown CO-RE relocation kind " + Integer.toUnsignedLong(kind));
                }
                String access = string(b.getInt(at + 8), "core_relo", at + 8);
                return new CoreRelocationRecord(b.getInt(at), b.getInt(at + 4), access, CoreRelocationKind.of(kind));
            });
        }
        return new Result(buf.order(), funcSize[0], funcs, lineSize[0], lines, coreSize[0], core);
    }

    private <T> Map<String, List<T>> subsection(String name, int hdr, int fieldAt, int minRecord, int[] recordSizeOut,
            RecordReader<T> reader) {
        long off = u32(fieldAt);
        long len = u32(fieldAt + 4);
        if (len == 0) {
            return Map.of();
        }
        if (off % 4 != 0) {
            throw new BtfFormatException(origin, "header", fieldAt, name + "_off " + off + " is not 4-byte aligned");
        }
        long start = hdr + off;
        long end = start + len;
        if (end > buf.limit()) {
            throw new BtfFormatException(origin, "header", fieldAt, name + " (off " + off + ", len " + len
                    + ") ends past the data (" + (buf.limit() - hdr) + " bytes after the header)");
        }
        if (len < 4) {
            throw new BtfFormatException(origin, name, start, name + " is " + len + " bytes, too short for its record size");
        }
        long recordSize = u32((int) start);
        if (recordSize < minRecord || recordSize % 4 != 0 || recordSize > len) {
            throw new BtfFormatException(origin, name, start, name + " record size " + recordSize
                    + " is invalid (at least " + minRecord + ", a multiple of 4, within the subsection)");
        }
        recordSizeOut[0] = (int) recordSize;
        Map<String, List<T>> bySection = new LinkedHashMap<>();
        long pos = start + 4;
        while (pos < end) {
            if (end - pos < 8) {
                throw new BtfFormatException(origin, name, pos, "truncated section block header: " + (end - pos) + " bytes left");
            }
            int p = (int) pos;
            String section = string(buf.getInt(p), name, p);
            long numInfo = u32(p + 4);
            if (numInfo == 0) {
                throw new BtfFormatException(origin, name, p + 4, "section '" + section + "' has num_info 0");
            }
            if (numInfo * recordSize > end - pos - 8) {
                throw new BtfFormatException(origin, name, p + 4, "section '" + section + "' has num_info " + numInfo
                        + " records of " + recordSize + " bytes, but only " + (end - pos - 8) + " bytes are left");
            }
            List<T> records = bySection.computeIfAbsent(section, s -> new ArrayList<>());
            int at = p + 8;
            for (long i = 0; i < numInfo; i++) {
                records.add(reader.read(buf, at));
                at += (int) recordSize;
            }
            pos = at;
        }
        Map<String, List<T>> frozen = new LinkedHashMap<>();
        bySection.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private String string(int offset, String section, long fieldOffset) {
        try {
            return strings.apply(offset);
        } catch (BtfFormatException e) {
            throw new BtfFormatException(origin, section, fieldOffset, e.problem());
        }
    }

    private long u32(int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }
}
