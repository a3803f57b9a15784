package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed .BTF.ext, made by damaging the one clang wrote for kinds.bpf.c. */
class CorruptBtfExtTest {
    private static final String ORIGIN = "kinds.bpf.o .BTF.ext";
    private static Btf btf;
    private static byte[] ext;

    @BeforeAll
    static void compile() throws Exception {
        MiniElf elf = new MiniElf(Files.readAllBytes(TestObjects.compile("kinds")));
        btf = Btf.parse(ByteBuffer.wrap(elf.contents(".BTF")), "kinds.bpf.o .BTF");
        ext = elf.contents(".BTF.ext");
    }

    private static byte[] damaged(int at, int value) {
        byte[] b = ext.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return b;
    }

    private static int u32(int at) {
        return ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static BtfFormatException fails(byte[] bytes, String section, long offset) {
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> BtfExt.parse(ByteBuffer.wrap(bytes), btf, ORIGIN));
        assertEquals(ORIGIN, e.origin());
        assertEquals(section, e.section().orElseThrow(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    /** Start of the func_info subsection (its record size). */
    private static int funcInfoStart() {
        return u32(4) + u32(8);
    }

    private static int coreReloStart() {
        return u32(4) + u32(24);
    }

    @Test
    void headerLayoutIsTheOneWithCoreRelocations() {
        assertEquals(32, u32(4), "clang 19 writes the 32-byte header");
    }

    @Test
    void truncatedAndBadMagic() {
        fails(new byte[10], "header", 0);
        fails(java.util.Arrays.copyOf(ext, 20), "header", 20);
        BtfFormatException e = fails(damaged(0, 0x1234), "header", 0);
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void subsectionOutOfRangeOrMisaligned() {
        fails(damaged(12, 1 << 24), "header", 8);
        fails(damaged(8, u32(8) + 2), "header", 8);
        fails(damaged(28, -1), "header", 24);
        fails(damaged(4, 1000), "header", 4);
    }

    @Test
    void badRecordSize() {
        fails(damaged(funcInfoStart(), 4), "func_info", funcInfoStart());
        fails(damaged(funcInfoStart(), 10), "func_info", funcInfoStart());
        fails(damaged(funcInfoStart(), 1 << 30), "func_info", funcInfoStart());
    }

    @Test
    void hugeOrZeroRecordCount() {
        int numInfo = funcInfoStart() + 8;
        BtfFormatException e = fails(damaged(numInfo, -1), "func_info", numInfo);
        assertTrue(e.getMessage().contains("num_info 4294967295"), e.getMessage());
        fails(damaged(numInfo, 0), "func_info", numInfo);
    }

    @Test
    void sectionNameOffsetOutOfRange() {
        int nameOff = funcInfoStart() + 4;
        BtfFormatException e = fails(damaged(nameOff, 1 << 20), "func_info", nameOff);
        assertTrue(e.getMessage().contains("string offset 1048576"), e.getMessage());
    }

    @Test
    void unknownRelocationKindAndBadAccessString() {
        int firstRecord = coreReloStart() + 4 + 8;
        fails(damaged(firstRecord + 12, 13), "core_relo", firstRecord + 12);
        fails(damaged(firstRecord + 8, -5), "core_relo", firstRecord + 8);
    }

    @Test
    void everyPrefixParsesOrFailsCleanly() {
        for (int len = 0; len <= ext.length; len++) {
            byte[] prefix = java.util.Arrays.copyOf(ext, len);
            try {
                BtfExt.parse(ByteBuffer.wrap(prefix), btf, ORIGIN);
            } catch (BtfFormatException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= len, expected.getMessage());
            }
        }
        BtfExt.parse(ByteBuffer.wrap(ext), btf, ORIGIN);
    }
}
