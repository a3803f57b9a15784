package io.bpf4j.attach.plugins;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The value of one {@code __bpf_usdt_specs} entry: how the BPF side ({@code bpf/usdt.bpf.h},
 * libbpf's layout) reads a probe's arguments. Per argument 16 bytes: {@code val_off} (u64: the
 * constant or the displacement), a 32-bit word holding the argument type in its low 8 bits and,
 * for base + index * scale operands, the index register's offset (12 bits) and log2 of the
 * scale (4 bits), {@code reg_off} (s16), {@code arg_signed} (u8), {@code arg_bitshift} (u8:
 * 64 - 8 * size). Then the user's cookie (u64, at 192) and the argument count (s16, at 200):
 * 208 bytes.
 */
final class UsdtSpecLayout {

    /** struct __bpf_usdt_spec's size. */
    static final int SPEC_SIZE = 208;
    static final int ARG_SIZE = 16;
    static final int COOKIE_OFFSET = UsdtArgumentParser.MAX_ARGUMENTS * ARG_SIZE;
    static final int COUNT_OFFSET = COOKIE_OFFSET + 8;

    /** enum __bpf_usdt_arg_type. */
    static final int ARG_CONST = 0;
    static final int ARG_REG = 1;
    static final int ARG_REG_DEREF = 2;
    static final int ARG_SIB = 3;

    private UsdtSpecLayout() {
    }

    /**
     * {@return the spec bytes, in the machine's byte order}
     *
     * @param arguments the probe's arguments
     * @param cookie the user's cookie ({@code bpf_usdt_cookie()})
     * @param regs where the kernel's struct pt_regs keeps each register
     */
    static byte[] encode(List<UsdtArgument> arguments, long cookie, PtRegsLayout regs) {
        ByteBuffer b = ByteBuffer.allocate(SPEC_SIZE).order(ByteOrder.nativeOrder());
        for (int i = 0; i < arguments.size(); i++) {
            UsdtArgument arg = arguments.get(i);
            int at = i * ARG_SIZE;
            long valOff;
            int typeWord;
            int regOff = 0;
            if (arg instanceof UsdtArgument.Constant c) {
                valOff = c.value();
                typeWord = ARG_CONST;
            } else if (arg instanceof UsdtArgument.InRegister r) {
                valOff = 0;
                typeWord = ARG_REG;
                regOff = regs.offsetOf(r.register());
            } else {
                UsdtArgument.InMemory m = (UsdtArgument.InMemory) arg;
                valOff = m.displacement();
                regOff = regs.offsetOf(m.base());
                if (m.index() == null) {
                    typeWord = ARG_REG_DEREF;
                } else {
                    int indexOff = regs.offsetOf(m.index());
                    if (indexOff >= 1 << 12) {
                        throw new UnsupportedOperationException("register " + m.index()
                                + " lies beyond the 12-bit index offset of the USDT spec");
                    }
                    typeWord = bitfields(ARG_SIB, indexOff, Integer.numberOfTrailingZeros(m.scale()));
                }
            }
            b.putLong(at, valOff);
            b.putInt(at + 8, typeWord);
            b.putShort(at + 12, (short) regOff);
            b.put(at + 14, (byte) (arg.signed() ? 1 : 0));
            b.put(at + 15, (byte) (64 - 8 * arg.size()));
        }
        b.putLong(COOKIE_OFFSET, cookie);
        b.putShort(COUNT_OFFSET, (short) arguments.size());
        return b.array();
    }

    /**
     * The word after {@code val_off} as clang lays out the bitfields {@code arg_type:8,
     * idx_reg_off:12, scale_bitshift:4} from the low bits on little-endian machines and from the
     * high bits (after 8 reserved) on big-endian ones.
     */
    static int bitfields(int type, int indexOffset, int scaleShift) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return type | indexOffset << 8 | scaleShift << 20;
        }
        return indexOffset << 12 | scaleShift << 8 | type;
    }
}
