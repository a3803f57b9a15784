package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split BTF (ids and strings continuing after a base) and big-endian BTF. */
class SplitAndByteOrderTest {

    private static byte[] base(ByteOrder order) {
        RawBtfWriter w = new RawBtfWriter();
        int intType = w.intType(w.str("int"), 4, true); // 1
        w.type(w.str("point"), BtfKind.STRUCT, 2, false, 8, w.str("x"), intType, 0, w.str("y"), intType, 32); // 2
        w.type(w.str("shared"), BtfKind.TYPEDEF, 0, false, intType); // 3
        return w.build(order);
    }

    private static int stringLength(byte[] raw, ByteOrder order) {
        return ByteBuffer.wrap(raw).order(order).getInt(20);
    }

    /** Split types 4..: ptr to base struct, a struct using a base string and a new one, a typedef named like one in the base. */
    private static byte[] split(byte[] base) {
        int baseStrings = stringLength(base, ByteOrder.LITTLE_ENDIAN);
        RawBtfWriter w = new RawBtfWriter(4, false);
        int ptr = w.type(0, BtfKind.PTR, 0, false, 2); // 4 -> base point
        int holder = w.str("holder") + baseStrings;
        // member "x" reuses the base's string: "\0int\0point\0x\0..." has "x" at 11
        w.type(holder, BtfKind.STRUCT, 2, false, 16, 11, ptr, 0, w.str("n") + baseStrings, 1, 64); // 5
        w.type(w.str("shared") + baseStrings, BtfKind.TYPEDEF, 0, false, 5); // 6
        return w.build();
    }

    @Test
    void splitIdsAndStringsContinueAfterTheBase() {
        byte[] baseBytes = base(ByteOrder.LITTLE_ENDIAN);
        Btf base = Btf.parse(ByteBuffer.wrap(baseBytes), "base");
        byte[] splitBytes = split(baseBytes);
        Btf split = Btf.parseSplit(ByteBuffer.wrap(splitBytes), base, "split");
        assertEquals(4, base.typeCount());
        assertEquals(7, split.typeCount());
        assertEquals(4, split.firstTypeId());
        assertEquals(base, split.base().orElseThrow());
        assertEquals("point", split.name(2));
        BtfType.Struct holder = (BtfType.Struct) split.type(5);
        assertEquals("holder", holder.name());
        assertEquals(List.of(new BtfType.Member("x", 4, 0, 0), new BtfType.Member("n", 1, 64, 0)), holder.members());
        assertEquals(8, split.sizeOf(4));
        assertEquals(16, split.sizeOf(6));
        assertEquals(2, split.findByName("point", BtfKind.STRUCT));
        assertArrayEquals(new int[] {3, 6}, split.findAllByName("shared"), "base ids first");
        assertEquals(3, split.findByName("shared", BtfKind.TYPEDEF));
        assertEquals(5, split.resolve(6));
        assertArrayEquals(splitBytes, split.toBytes(), "a split BTF's bytes are its own only");
        assertTrue(split.datasec("x").isEmpty());
    }

    @Test
    void bpftoolReadsTheSplitTheSameWay(@TempDir Path dir) throws Exception {
        assumeTrue(TestObjects.onPath("bpftool"), "bpftool is not installed");
        byte[] baseBytes = base(ByteOrder.LITTLE_ENDIAN);
        Path baseFile = Files.write(dir.resolve("base.btf"), baseBytes);
        Path splitFile = Files.write(dir.resolve("split.btf"), split(baseBytes));
        Btf split = Btf.readSplit(splitFile, Btf.read(baseFile));
        List<String> expected = TestObjects.lines(TestObjects.run(
                List.of("bpftool", "btf", "dump", "file", splitFile.toString(), "-B", baseFile.toString())));
        KernelBtfTest.assertSameLines(expected, BpftoolFormat.dump(split));
    }

    @Test
    void splitEditorRefusesBaseTypes() {
        byte[] baseBytes = base(ByteOrder.LITTLE_ENDIAN);
        Btf split = Btf.parseSplit(ByteBuffer.wrap(split(baseBytes)), Btf.parse(ByteBuffer.wrap(baseBytes), "base"), "split");
        assertThrows(IllegalArgumentException.class, () -> split.editor().setDatasecSize(2, 1));
    }

    @Test
    void splitStringOffsetBeyondBothSectionsFails() {
        byte[] baseBytes = base(ByteOrder.LITTLE_ENDIAN);
        Btf base = Btf.parse(ByteBuffer.wrap(baseBytes), "base");
        RawBtfWriter w = new RawBtfWriter(4, false);
        w.type(1000, BtfKind.TYPEDEF, 0, false, 1);
        BtfFormatException e = assertThrows(BtfFormatException.class,
                () -> Btf.parseSplit(ByteBuffer.wrap(w.build()), base, "split"));
        assertEquals("split", e.origin());
        assertEquals(24, e.offset());
    }

    @Test
    void bigEndianReadsLikeLittleEndian(@TempDir Path dir) throws Exception {
        byte[] le = base(ByteOrder.LITTLE_ENDIAN);
        byte[] be = base(ByteOrder.BIG_ENDIAN);
        Btf little = Btf.parse(ByteBuffer.wrap(le), "le");
        Btf big = Btf.parse(ByteBuffer.wrap(be), "be");
        assertEquals(ByteOrder.BIG_ENDIAN, big.order());
        assertEquals(ByteOrder.LITTLE_ENDIAN, little.order());
        for (int id = 0; id < little.typeCount(); id++) {
            assertEquals(little.type(id), big.type(id));
        }
        assertArrayEquals(be, big.toBytes());
        Btf edited = big.editor().build();
        assertEquals(ByteOrder.BIG_ENDIAN, edited.order());
        assertArrayEquals(be, edited.toBytes());
        if (TestObjects.onPath("bpftool")) {
            Path file = Files.write(dir.resolve("be.btf"), be);
            KernelBtfTest.assertSameLines(TestObjects.lines(TestObjects.run(List.of("bpftool", "btf", "dump", "file", file.toString()))),
                    BpftoolFormat.dump(big));
        }
    }

    @Test
    void bigEndianDatasecEdit() {
        RawBtfWriter w = new RawBtfWriter();
        int intType = w.intType(w.str("int"), 4, true);
        int a = w.type(w.str("a"), BtfKind.VAR, 0, false, intType, 1);
        int b = w.type(w.str("b"), BtfKind.VAR, 0, false, intType, 1);
        w.type(w.str(".data"), BtfKind.DATASEC, 2, false, 0, a, 0, 4, b, 0, 4);
        Btf big = Btf.parse(ByteBuffer.wrap(w.build(ByteOrder.BIG_ENDIAN)), "be");
        Btf fixed = big.withDatasecLayout(".data", 8, Map.of("a", 4, "b", 0));
        BtfType.Datasec sec = fixed.datasec(".data").orElseThrow();
        assertEquals(8, sec.size());
        assertEquals(List.of(new BtfType.VarSecInfo(b, 0, 4), new BtfType.VarSecInfo(a, 4, 4)), sec.vars());
        assertEquals(ByteOrder.BIG_ENDIAN, fixed.order());
    }
}
