package io.bpf4j.loader.internal;

import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes a program's func_info and line_info as BPF_PROG_LOAD wants them:
 * arrays of {@code struct bpf_func_info} (8 bytes: insn_off, type_id) and
 * {@code struct bpf_line_info} (16 bytes: insn_off, file_name_off, line_off,
 * line_col), with insn_off counted in instructions of the linked program and
 * string offsets into the object's BTF (UAPI linux/bpf.h).
 */
public final class BtfExtEncoder {
    /** sizeof(struct bpf_func_info). */
    public static final int FUNC_INFO_SIZE = 8;
    /** sizeof(struct bpf_line_info). */
    public static final int LINE_INFO_SIZE = 16;

    private BtfExtEncoder() {
    }

    /**
     * @param infos func_info records, insn offsets in instructions
     * @return the records, host byte order
     */
    public static byte[] funcInfos(List<FuncInfo> infos) {
        ByteBuffer out = ByteBuffer.allocate(infos.size() * FUNC_INFO_SIZE).order(ByteOrder.nativeOrder());
        for (FuncInfo f : infos) {
            out.putInt(f.insnOffset()).putInt(f.typeId());
        }
        return out.array();
    }

    /**
     * @param infos line_info records, insn offsets in instructions
     * @return the records, host byte order
     */
    public static byte[] lineInfos(List<LineInfo> infos) {
        ByteBuffer out = ByteBuffer.allocate(infos.size() * LINE_INFO_SIZE).order(ByteOrder.nativeOrder());
        for (LineInfo l : infos) {
            out.putInt(l.insnOffset()).putInt(l.fileNameOffset()).putInt(l.lineOffset()).putInt(l.lineCol());
        }
        return out.array();
    }
}
