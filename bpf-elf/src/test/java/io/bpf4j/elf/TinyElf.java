package io.bpf4j.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a small, valid BPF object by hand (no compiler): a program section {@code xdp} with
 * {@code r1 = g ll; r0 = 0; exit}, its {@code .relxdp} against symbol {@code g} of
 * {@code .data}, a symbol table and string tables. Records where each part lies so that tests
 * can corrupt exactly one field.
 */
final class TinyElf {
    static final int TEXT = 1;
    static final int REL_TEXT = 2;
    static final int DATA = 3;
    static final int SYMTAB = 4;
    static final int STRTAB = 5;
    static final int SHSTRTAB = 6;
    static final int SECTION_COUNT = 7;

    final byte[] bytes;
    final ByteOrder order;
    final int shoff;
    final int textOffset;
    final int relOffset;
    final int symtabOffset;
    final int strtabOffset;
    final int strtabSize;
    final int shstrtabSize;

    private TinyElf(byte[] bytes, ByteOrder order, int shoff, int textOffset, int relOffset, int symtabOffset,
            int strtabOffset, int strtabSize, int shstrtabSize) {
        this.bytes = bytes;
        this.order = order;
        this.shoff = shoff;
        this.textOffset = textOffset;
        this.relOffset = relOffset;
        this.symtabOffset = symtabOffset;
        this.strtabOffset = strtabOffset;
        this.strtabSize = strtabSize;
        this.shstrtabSize = shstrtabSize;
    }

    static TinyElf build(ByteOrder order) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        // .text: ld_imm64 r1 (2 slots), mov r0 0, exit.
        ByteBuffer text = ByteBuffer.allocate(32).order(order);
        text.put((byte) 0x18).put((byte) (le ? 0x01 : 0x10)).putShort((short) 0).putInt(0);
        text.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0);
        text.put((byte) 0xb7).put((byte) 0).putShort((short) 0).putInt(0);
        text.put((byte) 0x95).put((byte) 0).putShort((short) 0).putInt(0);
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] strtab = "\0g\0prog\0".getBytes(StandardCharsets.US_ASCII);
        byte[] shstrtab = "\0xdp\0.relxdp\0.data\0.symtab\0.strtab\0.shstrtab\0"
                .getBytes(StandardCharsets.US_ASCII);
        // Symbols: null, g (OBJECT GLOBAL in .data), prog (FUNC GLOBAL in .text).
        ByteBuffer symtab = ByteBuffer.allocate(24 * 3).order(order);
        symtab.put(new byte[24]);
        symtab.putInt(1).put((byte) 0x11).put((byte) 0).putShort((short) DATA).putLong(0).putLong(8);
        symtab.putInt(3).put((byte) 0x12).put((byte) 0).putShort((short) TEXT).putLong(0).putLong(32);
        // One REL entry: offset 0, symbol 1, type R_BPF_64_64.
        ByteBuffer rel = ByteBuffer.allocate(16).order(order);
        rel.putLong(0).putLong((1L << 32) | ElfConstants.R_BPF_64_64);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[64]);
        int textOff = out.size();
        out.writeBytes(text.array());
        int relOff = out.size();
        out.writeBytes(rel.array());
        int dataOff = out.size();
        out.writeBytes(data);
        int symOff = out.size();
        out.writeBytes(symtab.array());
        int strOff = out.size();
        out.writeBytes(strtab);
        int shstrOff = out.size();
        out.writeBytes(shstrtab);
        while (out.size() % 8 != 0) {
            out.write(0);
        }
        int shoff = out.size();
        ByteBuffer sh = ByteBuffer.allocate(64 * SECTION_COUNT).order(order);
        sh.put(new byte[64]);
        header(sh, 1, ElfConstants.SHT_PROGBITS, ElfConstants.SHF_ALLOC | ElfConstants.SHF_EXECINSTR, textOff, 32, 0, 0, 8, 0);
        header(sh, 5, ElfConstants.SHT_REL, 0x40, relOff, 16, SYMTAB, TEXT, 8, 16);
        header(sh, 13, ElfConstants.SHT_PROGBITS, ElfConstants.SHF_ALLOC | ElfConstants.SHF_WRITE, dataOff, 8, 0, 0, 8, 0);
        header(sh, 19, ElfConstants.SHT_SYMTAB, 0, symOff, 72, STRTAB, 1, 8, 24);
        header(sh, 27, ElfConstants.SHT_STRTAB, 0, strOff, strtab.length, 0, 0, 1, 0);
        header(sh, 35, ElfConstants.SHT_STRTAB, 0, shstrOff, shstrtab.length, 0, 0, 1, 0);
        out.writeBytes(sh.array());
        byte[] bytes = out.toByteArray();

        ByteBuffer eh = ByteBuffer.wrap(bytes).order(order);
        eh.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        eh.put(4, (byte) ElfConstants.ELFCLASS64).put(5, (byte) (le ? 1 : 2)).put(6, (byte) 1);
        eh.putShort(16, (short) ElfConstants.ET_REL).putShort(18, (short) ElfConstants.EM_BPF).putInt(20, 1);
        eh.putLong(40, shoff).putShort(52, (short) 64).putShort(58, (short) 64)
                .putShort(60, (short) SECTION_COUNT).putShort(62, (short) SHSTRTAB);
        return new TinyElf(bytes, order, shoff, textOff, relOff, symOff, strOff, strtab.length, shstrtab.length);
    }

    private static void header(ByteBuffer sh, int name, int type, long flags, long offset, long size, int link,
            int info, long align, long entsize) {
        sh.putInt(name).putInt(type).putLong(flags).putLong(0).putLong(offset).putLong(size).putInt(link)
                .putInt(info).putLong(align).putLong(entsize);
    }

    /** Offset of field {@code fieldOffset} of section header {@code index}. */
    int sectionHeader(int index, int fieldOffset) {
        return shoff + index * 64 + fieldOffset;
    }

    byte[] copy() {
        return bytes.clone();
    }

    ByteBuffer view(byte[] b) {
        return ByteBuffer.wrap(b).order(order);
    }
}
