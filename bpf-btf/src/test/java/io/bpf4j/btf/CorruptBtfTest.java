package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-built malformed BTF: each case ends in BtfFormatException with origin, section and offset. */
class CorruptBtfTest {
    private static final String ORIGIN = "corrupt.btf";

    private static BtfFormatException parseFails(byte[] bytes) {
        return assertThrows(BtfFormatException.class, () -> Btf.parse(ByteBuffer.wrap(bytes), ORIGIN));
    }

    private static void assertNames(BtfFormatException e, String section, long offset) {
        assertEquals(ORIGIN, e.origin());
        assertEquals(section, e.section().orElseThrow());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith(ORIGIN + ", " + section + ", offset " + offset + " "), e.getMessage());
    }

    /** A valid little BTF: int, ptr to int, struct {int a;} - offsets known to the tests. */
    private static byte[] valid() {
        RawBtfWriter w = new RawBtfWriter();
        int intType = w.intType(w.str("int"), 4, true);
        w.type(0, BtfKind.PTR, 0, false, intType);
        w.type(w.str("s"), BtfKind.STRUCT, 1, false, 4, w.str("a"), intType, 0);
        return w.build();
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    @Test
    void validInputParses() {
        Btf btf = Btf.parse(ByteBuffer.wrap(valid()), ORIGIN);
        assertEquals(4, btf.typeCount());
        assertEquals(8, btf.sizeOf(2));
        assertEquals("a", ((BtfType.Struct) btf.type(3)).members().get(0).name());
    }

    @Test
    void emptyAndTruncatedHeader() {
        assertNames(parseFails(new byte[0]), "header", 0);
        assertNames(parseFails(new byte[] {(byte) 0x9f}), "header", 1);
        byte[] truncated = Arrays.copyOf(valid(), 20);
        BtfFormatException e = parseFails(truncated);
        assertNames(e, "header", 20);
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void badMagic() {
        byte[] b = valid();
        b[0] = 0x12;
        BtfFormatException e = parseFails(b);
        assertNames(e, "header", 0);
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void badVersionAndHeaderLength() {
        byte[] b = valid();
        b[2] = 2;
        assertNames(parseFails(b), "header", 2);
        byte[] c = valid();
        putInt(c, 4, 12);
        assertNames(parseFails(c), "header", 4);
        byte[] d = valid();
        putInt(d, 4, Integer.MAX_VALUE);
        assertNames(parseFails(d), "header", 4);
    }

    @Test
    void typeSectionOutOfRange() {
        byte[] b = valid();
        putInt(b, 8, 1 << 20); // type_off
        BtfFormatException e = parseFails(b);
        assertNames(e, "header", 8);
        byte[] c = valid();
        putInt(c, 12, -4); // type_len 4 GiB - 4: must not allocate or overflow
        assertNames(parseFails(c), "header", 8);
        byte[] d = valid();
        putInt(d, 8, 2); // misaligned
        assertNames(parseFails(d), "header", 8);
    }

    @Test
    void stringSectionOutOfRangeOrUnterminated() {
        byte[] b = valid();
        putInt(b, 20, 1 << 30);
        assertNames(parseFails(b), "header", 16);
        byte[] c = valid();
        c[c.length - 1] = 'x';
        assertNames(parseFails(c), "strings", c.length - 1);
        byte[] d = valid();
        int strStart = 24 + ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getInt(16);
        d[strStart] = 'x';
        assertNames(parseFails(d), "strings", strStart);
    }

    @Test
    void overlappingSections() {
        byte[] b = valid();
        putInt(b, 16, 4); // str_off inside the type section
        putInt(b, 20, 8);
        assertNames(parseFails(b), "header", 8);
    }

    @Test
    void typeNameOffsetOutOfRange() {
        byte[] b = valid();
        putInt(b, 24, 100_000); // name_off of type 1
        BtfFormatException e = parseFails(b);
        assertNames(e, "types", 24);
        assertTrue(e.getMessage().contains("name offset 100000"), e.getMessage());
    }

    @Test
    void memberNameOffsetOutOfRangeFailsOnDecode() {
        byte[] b = valid();
        int member = 24 + 16 + 12 + 12; // int (16) + ptr (12) + struct header (12)
        putInt(b, member, 9999);
        Btf btf = Btf.parse(ByteBuffer.wrap(b), ORIGIN);
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> btf.type(3));
        assertNames(e, "types", member);
    }

    @Test
    void hugeVlenRunsPastTheTypeSection() {
        byte[] b = valid();
        int structInfo = 24 + 16 + 12 + 4;
        putInt(b, structInfo, (BtfKind.STRUCT.value() << 24) | 0xffff);
        BtfFormatException e = parseFails(b);
        assertNames(e, "types", structInfo);
        assertTrue(e.getMessage().contains("vlen 65535"), e.getMessage());
    }

    @Test
    void unknownKind() {
        byte[] b = valid();
        putInt(b, 24 + 4, 25 << 24);
        assertNames(parseFails(b), "types", 28);
        byte[] c = valid();
        putInt(c, 24 + 4, 0);
        assertNames(parseFails(c), "types", 28);
    }

    @Test
    void truncatedTypeRecord() {
        byte[] b = valid();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int typeLen = bb.getInt(12);
        putInt(b, 12, typeLen - 4); // cut the last member in half
        putInt(b, 16, typeLen - 4 + 4); // keep strings where they are (str_off = typeLen)
        putInt(b, 16, typeLen);
        assertNames(parseFails(b), "types", 24 + 16 + 12 + 4);
    }

    @Test
    void pointerCycleInResolveAndSizeOf() {
        RawBtfWriter w = new RawBtfWriter();
        int a = w.type(w.str("a"), BtfKind.TYPEDEF, 0, false, 2);
        w.type(w.str("b"), BtfKind.CONST, 0, false, 3);
        w.type(w.str("c"), BtfKind.VOLATILE, 0, false, a);
        int ptr = w.type(0, BtfKind.PTR, 0, false, 5);
        w.type(0, BtfKind.PTR, 0, false, ptr); // PTR -> PTR -> PTR ...: fine, pointers have a size
        Btf btf = Btf.parse(ByteBuffer.wrap(w.build()), ORIGIN);
        BtfFormatException r = assertThrows(BtfFormatException.class, () -> btf.resolve(a));
        assertNames(r, "types", 24);
        assertTrue(r.getMessage().contains("cycle"), r.getMessage());
        BtfFormatException s = assertThrows(BtfFormatException.class, () -> btf.sizeOf(3));
        assertNames(s, "types", 24 + 24);
        assertEquals(8, btf.sizeOf(ptr));
        assertEquals(ptr, btf.resolve(ptr));
    }

    @Test
    void arrayCycleAndOverflowInSizeOf() {
        RawBtfWriter w = new RawBtfWriter();
        int intType = w.intType(w.str("int"), 4, true);
        int arr = w.type(0, BtfKind.ARRAY, 0, false, 0, 2, intType, 3); // elem = itself
        int huge1 = w.type(0, BtfKind.ARRAY, 0, false, 0, intType, intType, -1);
        int huge2 = w.type(0, BtfKind.ARRAY, 0, false, 0, huge1, intType, 1 << 28);
        int huge3 = w.type(0, BtfKind.ARRAY, 0, false, 0, huge2, intType, 4);
        Btf btf = Btf.parse(ByteBuffer.wrap(w.build()), ORIGIN);
        assertNames(assertThrows(BtfFormatException.class, () -> btf.sizeOf(arr)), "types", 24 + 16);
        assertEquals(4L * 0xffffffffL, btf.sizeOf(huge1));
        assertEquals(4L * 0xffffffffL * (1L << 28), btf.sizeOf(huge2));
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> btf.sizeOf(huge3));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }

    @Test
    void danglingReferenceIsFoundWhenParsing() {
        RawBtfWriter w = new RawBtfWriter();
        w.type(w.str("t"), BtfKind.TYPEDEF, 0, false, 77);
        BtfFormatException e = parseFails(w.build());
        assertNames(e, "types", 24 + 8);
        assertTrue(e.getMessage().contains("77"), e.getMessage());

        RawBtfWriter m = new RawBtfWriter();
        int intType = m.intType(m.str("int"), 4, true);
        m.type(m.str("s"), BtfKind.STRUCT, 2, false, 8, m.str("a"), intType, 0, m.str("b"), 3, 32);
        assertNames(parseFails(m.build()), "types", 24 + 16 + 12 + 12 + 4);

        RawBtfWriter p = new RawBtfWriter();
        p.type(0, BtfKind.FUNC_PROTO, 1, false, 0, 0, -1);
        assertNames(parseFails(p.build()), "types", 24 + 12 + 4);

        RawBtfWriter a = new RawBtfWriter();
        int i = a.intType(a.str("int"), 4, true);
        a.type(0, BtfKind.ARRAY, 0, false, 0, i, 9, 2);
        assertNames(parseFails(a.build()), "types", 24 + 16 + 16);

        RawBtfWriter d = new RawBtfWriter();
        d.type(d.str(".data"), BtfKind.DATASEC, 1, false, 0, 5, 0, 4);
        assertNames(parseFails(d.build()), "types", 24 + 12);
    }

    @Test
    void unknownLinkageFailsOnDecode() {
        RawBtfWriter w = new RawBtfWriter();
        int f = w.type(w.str("f"), BtfKind.FUNC, 7, false, 0);
        int v = w.type(w.str("v"), BtfKind.VAR, 0, false, 0, 9);
        Btf btf = Btf.parse(ByteBuffer.wrap(w.build()), ORIGIN);
        assertNames(assertThrows(BtfFormatException.class, () -> btf.type(f)), "types", 28);
        assertNames(assertThrows(BtfFormatException.class, () -> btf.type(v)), "types", 24 + 12 + 12);
    }

    @Test
    void stringOffsetOutOfRangeViaStringLookup() {
        Btf btf = Btf.parse(ByteBuffer.wrap(valid()), ORIGIN);
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> btf.string(5000));
        assertEquals("strings", e.section().orElseThrow());
        assertEquals(5000, e.offset());
        assertEquals("int", btf.string(1));
        assertEquals("", btf.string(0));
    }
}
