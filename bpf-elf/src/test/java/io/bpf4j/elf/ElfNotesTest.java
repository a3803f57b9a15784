package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Note sections and load segments of executables: the GNU build id against llvm-readelf-19. */
class ElfNotesTest {
    private static final Path TRUE = Path.of("/bin/true");

    @Test
    void buildIdMatchesReadelf() {
        assumeTrue(Files.isRegularFile(TRUE), "no /bin/true on this machine");
        ElfFile elf = ElfFile.parse(TRUE);
        ElfSection section = elf.section(".note.gnu.build-id").orElseThrow();
        List<ElfNote> notes = elf.notes(section);
        assertEquals(1, notes.size());
        ElfNote note = notes.get(0);
        assertEquals("GNU", note.name());
        assertEquals(3, note.type()); // NT_GNU_BUILD_ID
        byte[] id = new byte[note.descriptorSize()];
        note.descriptor().get(id);
        String expected = TestObjects.run("llvm-readelf-19", "-n", TRUE.toString()).stream()
                .filter(l -> l.contains("Build ID:")).map(l -> l.substring(l.indexOf("Build ID:") + 9).trim())
                .findFirst().orElseThrow();
        assertEquals(expected, HexFormat.of().formatHex(id));
    }

    @Test
    void loadSegmentOfTheEntryPointIsExecutable() {
        assumeTrue(Files.isRegularFile(TRUE), "no /bin/true on this machine");
        ElfFile elf = ElfFile.parse(TRUE);
        ElfSegment text = elf.loadSegmentOf(elf.entry()).orElseThrow();
        assertTrue(text.isExecutable(), text.toString());
        assertEquals(elf.entry() - text.virtualAddress() + text.offset(), elf.fileOffsetOf(elf.entry()).getAsLong());
        assertTrue(elf.loadSegmentOf(-16).isEmpty());
    }

    @Test
    void notesOfAHandMadeSectionInBothByteOrders() {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            TinyElf tiny = TinyElf.build(order);
            byte[] bytes = tiny.copy();
            ByteBuffer b = tiny.view(bytes);
            // Turn the 8-byte .data into a note section holding a header only: name and
            // descriptor empty, type 7. Then the same with a name that runs past the end.
            b.putInt(tiny.sectionHeader(TinyElf.DATA, 4), ElfConstants.SHT_NOTE);
            int data = (int) b.getLong(tiny.sectionHeader(TinyElf.DATA, 24));
            ElfFile elf = ElfFile.parse(bytes, "tiny");
            ElfFormatException truncated = assertThrows(ElfFormatException.class,
                    () -> elf.notes(elf.section(TinyElf.DATA)));
            assertTrue(truncated.getMessage().contains("truncated note header"), truncated.getMessage());
            assertTrue(truncated.getMessage().contains(".data"), truncated.getMessage());

            // Borrow the 16 bytes before .data (the end of .relxdp) to make a 12-byte note.
            b.putLong(tiny.sectionHeader(TinyElf.DATA, 24), data - 12);
            b.putLong(tiny.sectionHeader(TinyElf.DATA, 32), 12);
            b.putInt(data - 12, 0).putInt(data - 8, 0).putInt(data - 4, 7);
            ElfFile ok = ElfFile.parse(bytes, "tiny");
            List<ElfNote> notes = ok.notes(ok.section(TinyElf.DATA));
            assertEquals(1, notes.size());
            assertEquals("", notes.get(0).name());
            assertEquals(7, notes.get(0).type());
            assertEquals(0, notes.get(0).descriptorSize());

            b.putInt(data - 12, 40);
            ElfFile bad = ElfFile.parse(bytes, "tiny");
            ElfFormatException past = assertThrows(ElfFormatException.class, () -> bad.notes(bad.section(TinyElf.DATA)));
            assertTrue(past.getMessage().contains("runs past the end"), past.getMessage());
        }
    }

    @Test
    void refusesASectionThatIsNoNoteSection() {
        TinyElf tiny = TinyElf.build(ByteOrder.LITTLE_ENDIAN);
        ElfFile elf = ElfFile.parse(tiny.copy(), "tiny");
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> elf.notes(elf.section(TinyElf.DATA)));
        assertTrue(e.getMessage().contains("not a note section"), e.getMessage());
    }
}
