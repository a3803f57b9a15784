package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bpf4j.elf.object.MapReference;
import io.bpf4j.elf.object.ObjectSpec;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-built and hand-broken ELF files: every defect ends in one ElfFormatException that names where. */
class CorruptElfTest {
    private static final String NAME = "tiny.bpf.o";

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void theUncorruptedTinyObjectParsesInBothByteOrders(Order o) {
        TinyElf tiny = TinyElf.build(o.order);
        ElfFile elf = ElfFile.parse(tiny.copy(), NAME);
        assertEquals(o.order, elf.order());
        assertEquals(List.of("", "xdp", ".relxdp", ".data", ".symtab", ".strtab", ".shstrtab"),
                elf.sections().stream().map(ElfSection::name).toList());
        ElfSymbol g = elf.symbols().get(1);
        assertEquals("g", g.name());
        assertEquals(8, g.size());
        ElfRelocation r = elf.relocationsFor(elf.section("xdp").orElseThrow()).get(0);
        assertEquals(ElfConstants.R_BPF_64_64, r.type());
        assertEquals("g", elf.symbolOf(r).name());

        ObjectSpec spec = ObjectSpec.parse(tiny.copy(), NAME);
        assertEquals("tiny", spec.name());
        assertEquals(List.of("prog"), spec.programs().stream().map(p -> p.name()).toList());
        assertEquals(1, spec.programs().get(0).instructions().get(0).dst(), "register nibbles follow the byte order");
        assertEquals(List.of(new MapReference.ToDataSection(0, ".data", 0)), spec.programs().get(0).mapReferences());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), box(spec.dataSection(".data").orElseThrow().initialValue()));
    }

    private static List<Integer> box(byte[] b) {
        return java.util.stream.IntStream.range(0, b.length).mapToObj(i -> (int) b[i]).toList();
    }

    @Test
    void truncatedHeader() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> ElfFile.parse(Arrays.copyOf(tiny.bytes, 40), NAME));
        assertNames(e, null, 40);
        assertTrue(e.getMessage().contains("truncated ELF header"), e.getMessage());
    }

    @Test
    void badMagic() {
        byte[] b = TinyElf.build(ByteOrder.LITTLE_ENDIAN).copy();
        b[1] = 'X';
        assertNames(assertThrows(ElfFormatException.class, () -> ElfFile.parse(b, NAME)), null, 0);
    }

    @Test
    void sectionHeaderTableOutOfRange() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putLong(40, b.length - 10);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse(b, NAME));
        assertNames(e, null, 40);
        assertTrue(e.getMessage().contains("e_shoff"), e.getMessage());
    }

    @Test
    void sectionContentsOutOfRange() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putLong(tiny.sectionHeader(TinyElf.DATA, 24), 1L << 40); // sh_offset
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse(b, NAME));
        assertNames(e, ".data", 0);
    }

    @Test
    void hugeSectionCountFromExtendedNumbering() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putShort(60, (short) 0); // e_shnum 0: the count is in section 0's sh_size
        tiny.view(b).putLong(tiny.sectionHeader(0, 32), 1L << 40);
        ElfFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ElfFormatException.class, () -> ElfFile.parse(b, NAME)));
        assertNames(e, null, tiny.shoff);
        assertTrue(e.getMessage().contains("section count"), e.getMessage());
    }

    @Test
    void badSectionNameOffset() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putInt(tiny.sectionHeader(TinyElf.DATA, 0), 5000);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse(b, NAME));
        assertNames(e, "section name string table #6", 5000);
    }

    @Test
    void badSymbolNameOffset() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putInt(tiny.symtabOffset + 24 * 2, 999);
        ElfFile elf = ElfFile.parse(b, NAME); // symbols are read lazily
        ElfFormatException e = assertThrows(ElfFormatException.class, elf::symbols);
        assertNames(e, ".symtab", 48);
        assertTrue(e.getMessage().contains("name offset 999"), e.getMessage());
    }

    @Test
    void relocationSymbolIndexOutOfRange() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putLong(tiny.relOffset + 8, (77L << 32) | ElfConstants.R_BPF_64_64);
        ElfFile elf = ElfFile.parse(b, NAME);
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> elf.relocationsFor(elf.section("xdp").orElseThrow()));
        assertNames(e, ".relxdp", 0);
        assertTrue(e.getMessage().contains("symbol #77"), e.getMessage());
        assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(b, NAME));
    }

    @Test
    void unknownRelocationTypeInCode() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        tiny.view(b).putLong(tiny.relOffset + 8, (1L << 32) | 77);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(b, NAME));
        assertNames(e, "xdp", 0);
        assertTrue(e.getMessage().contains("unknown relocation type 77"), e.getMessage());
    }

    @Test
    void ldImm64ReferringToNeitherMapNorData() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        // Make symbol g live in .symtab's own section: not a map, not data.
        tiny.view(b).putShort(tiny.symtabOffset + 24 + 6, (short) TinyElf.SYMTAB);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(b, NAME));
        assertNames(e, "xdp", 0);
        assertTrue(e.getMessage().contains("neither a map nor a data section"), e.getMessage());
    }

    @Test
    void ldImm64WithoutSecondHalf() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        byte[] b = tiny.copy();
        b[tiny.textOffset + 24] = 0x18; // the final exit becomes an ld_imm64 with no second slot
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(b, NAME));
        assertNames(e, "xdp", 24);
    }

    @Test
    void everyTruncationOfARealObjectFailsCleanly() {
        byte[] full = TestObjects.bytes("globals");
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            try {
                ObjectSpec.parse(cut, "globals.bpf.o");
                fail("a truncation to " + len + " bytes parsed");
            } catch (ElfFormatException expected) {
                assertTrue(expected.getMessage().startsWith("globals.bpf.o"), expected.getMessage());
            }
        }
    }

    @Test
    void randomCorruptionOfHeadersAndTablesFailsCleanlyOrParses() {
        byte[] full = TestObjects.bytes("globals");
        ElfFile elf = ElfFile.parse(full, "globals.bpf.o");
        ElfSection symtab = elf.section(".symtab").orElseThrow();
        ElfSection rel = elf.section(".reltracepoint/sched/sched_process_exec").orElseThrow();
        long shoff = java.nio.ByteBuffer.wrap(full).order(elf.order()).getLong(40);
        long[][] regions = {
            {0, 64}, {shoff, full.length - shoff}, {symtab.offset(), symtab.size()}, {rel.offset(), rel.size()}};
        Random random = new Random(20240611);
        for (int round = 0; round < 3000; round++) {
            byte[] b = full.clone();
            long[] region = regions[round % regions.length];
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                int at = (int) (region[0] + random.nextInt((int) region[1]));
                b[at] = (byte) random.nextInt(256);
            }
            try {
                ObjectSpec.parse(b, "globals.bpf.o");
            } catch (ElfFormatException | UnsupportedOperationException expected) {
                // the two outcomes allowed besides success
            } catch (RuntimeException other) {
                throw new AssertionError("round " + round + " leaked " + other, other);
            }
        }
    }

    private static void assertNames(ElfFormatException e, String section, long offset) {
        assertEquals(NAME, e.origin());
        assertTrue(e.getMessage().startsWith(e.origin()), e.getMessage());
        assertEquals(section, e.section().orElse(null), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
