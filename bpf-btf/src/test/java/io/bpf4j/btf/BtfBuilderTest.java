package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer: types from scratch, appended types, and byte-for-byte round trips of real BTF. */
class BtfBuilderTest {

    private static byte[] objectBtf() throws Exception {
        return new MiniElf(Files.readAllBytes(TestObjects.compile("kinds"))).contents(".BTF");
    }

    /** Re-encodes every decoded type into a builder keeping the string section, and returns the bytes. */
    private static byte[] rewrite(Btf btf) {
        BtfBuilder b = BtfBuilder.withStringsOf(btf);
        for (int id = 1; id < btf.typeCount(); id++) {
            assertEquals(id, b.add(btf.type(id)));
        }
        return b.toBytes();
    }

    @Test
    void clangBtfRoundTripsByteForByteThroughTheRecords() throws Exception {
        byte[] original = objectBtf();
        Btf btf = Btf.parse(ByteBuffer.wrap(original), "kinds.bpf.o .BTF");
        assertArrayEquals(original, rewrite(btf));
        assertArrayEquals(original, BtfBuilder.appendingTo(btf).toBytes());
    }

    @Test
    void kernelBtfRoundTripsByteForByteThroughTheRecords() throws Exception {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "no kernel BTF");
        byte[] original = Files.readAllBytes(Btf.KERNEL_BTF);
        Btf btf = Btf.parse(ByteBuffer.wrap(original), "vmlinux");
        byte[] rewritten = rewrite(btf);
        assertEquals(original.length, rewritten.length);
        assertArrayEquals(original, rewritten);
    }

    @Test
    void bigEndianRoundTrips() throws Exception {
        Btf little = Btf.parse(ByteBuffer.wrap(objectBtf()), "le");
        BtfBuilder big = BtfBuilder.create(ByteOrder.BIG_ENDIAN);
        for (int id = 1; id < little.typeCount(); id++) {
            big.add(little.type(id));
        }
        Btf parsed = Btf.parse(ByteBuffer.wrap(big.toBytes()), "be");
        assertEquals(ByteOrder.BIG_ENDIAN, parsed.order());
        for (int id = 1; id < little.typeCount(); id++) {
            assertEquals(little.type(id), parsed.type(id));
        }
        assertArrayEquals(big.toBytes(), rewrite(parsed));
    }

    @Test
    void buildsNewBtfFromScratch() {
        BtfBuilder b = BtfBuilder.create();
        int u32 = b.add(new BtfType.Int(0, "unsigned int", 4, 0, 0, 32));
        int ptr = b.add(new BtfType.Ptr(0, "", u32));
        int pair = b.add(new BtfType.Struct(0, "pair", 16, List.of(
                new BtfType.Member("a", u32, 0, 0), new BtfType.Member("flags", u32, 32, 3),
                new BtfType.Member("p", ptr, 64, 0))));
        int e = b.add(new BtfType.Enum64(0, "big", 8, false, List.of(new BtfType.EnumValue("HUGE", 1L << 40))));
        Btf btf = b.build();
        assertEquals(5, btf.typeCount());
        assertEquals(pair, btf.findByName("pair", BtfKind.STRUCT));
        BtfType.Struct s = (BtfType.Struct) btf.type(pair);
        assertEquals(new BtfType.Member("flags", u32, 32, 3), s.members().get(1));
        assertEquals(1L << 40, ((BtfType.Enum64) btf.type(e)).values().get(0).value());
        assertEquals(16, btf.sizeOf(pair));
        assertEquals(b.addString("pair"), b.addString("pair"), "strings are interned once");
    }

    @Test
    void appendsToExistingBtfKeepingIdsAndStrings() throws Exception {
        byte[] original = objectBtf();
        Btf btf = Btf.parse(ByteBuffer.wrap(original), "kinds");
        BtfBuilder b = BtfBuilder.appendingTo(btf);
        int task = btf.findByName("task", BtfKind.STRUCT);
        int ptr = b.add(new BtfType.Ptr(0, "", task));
        int td = b.add(new BtfType.Typedef(0, "task_ptr_t", ptr));
        assertEquals(btf.typeCount(), ptr);
        Btf grown = b.build();
        assertEquals(btf.typeCount() + 2, grown.typeCount());
        for (int id = 1; id < btf.typeCount(); id++) {
            assertEquals(btf.type(id), grown.type(id));
        }
        assertEquals(td, grown.findByName("task_ptr_t", BtfKind.TYPEDEF));
        assertEquals(task, grown.resolve(((BtfType.Ptr) grown.type(grown.resolve(td))).type()));
        byte[] bytes = grown.toBytes();
        // The kept types are byte for byte where they were.
        assertArrayEquals(java.util.Arrays.copyOfRange(original, 24, 24 + ByteBuffer.wrap(original)
                .order(ByteOrder.LITTLE_ENDIAN).getInt(12)), java.util.Arrays.copyOfRange(bytes, 24, 24
                + ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(12)));
    }

    @Test
    void splitBtfOnTopOfABase() throws Exception {
        Btf base = Btf.parse(ByteBuffer.wrap(objectBtf()), "base");
        BtfBuilder b = BtfBuilder.createSplit(base);
        int task = base.findByName("task", BtfKind.STRUCT);
        int ptr = b.add(new BtfType.Ptr(0, "", task));
        int td = b.add(new BtfType.Typedef(0, "only_in_split", ptr));
        Btf split = b.build();
        assertEquals(base.typeCount(), split.firstTypeId());
        assertEquals("only_in_split", split.name(td));
        assertEquals(task, split.findByName("task", BtfKind.STRUCT));
    }

    @Test
    void danglingReferenceIsTheCallersError() {
        BtfBuilder b = BtfBuilder.create();
        b.add(new BtfType.Ptr(0, "", 42));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("refers to type id 42"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.addString("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> b.add(new BtfType.Void()));
    }
}
