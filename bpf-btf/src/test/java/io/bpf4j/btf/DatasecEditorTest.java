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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling in clang's zero DATASEC sizes and offsets from the ELF, as the loader does. */
class DatasecEditorTest {
    private static MiniElf elf;
    private static Btf btf;

    @BeforeAll
    static void compile() throws Exception {
        elf = new MiniElf(Files.readAllBytes(TestObjects.compile("kinds")));
        btf = Btf.parse(ByteBuffer.wrap(elf.contents(".BTF")), "kinds.bpf.o .BTF");
    }

    /** Lays out every DATASEC from the ELF: section size and each variable's symbol value. */
    private static Btf laidOut() {
        Btf result = btf;
        for (int id = 1; id < btf.typeCount(); id++) {
            if (btf.kind(id) != BtfKind.DATASEC) {
                continue;
            }
            String name = btf.name(id);
            MiniElf.Section section = elf.section(name).orElseThrow();
            Map<String, Integer> offsets = new HashMap<>();
            for (MiniElf.Symbol s : elf.symbols()) {
                if (s.sectionIndex() == section.index() && s.isObject()) {
                    offsets.put(s.name(), (int) s.value());
                }
            }
            result = result.withDatasecLayout(name, section.size(), offsets);
        }
        return result;
    }

    @Test
    void setsSizesAndOffsetsFromTheElf() {
        Btf fixed = laidOut();
        for (String name : List.of(".bss", ".data", ".rodata", ".maps", ".data.custom", "license")) {
            BtfType.Datasec sec = fixed.datasec(name).orElseThrow();
            MiniElf.Section section = elf.section(name).orElseThrow();
            assertEquals(section.size(), sec.size(), name);
            int end = 0;
            for (BtfType.VarSecInfo v : sec.vars()) {
                String var = fixed.name(v.type());
                MiniElf.Symbol symbol = elf.symbols().stream().filter(s -> s.name().equals(var)).findFirst().orElseThrow();
                assertEquals(symbol.value(), v.offset(), var);
                assertTrue(v.offset() >= end, "sorted by offset and not overlapping: " + sec);
                end = v.offset() + v.size();
            }
            assertTrue(end <= sec.size(), name);
        }
        assertEquals(elf.section(".bss").orElseThrow().size(), 24, "counter, zeroed, number_var, user_ptr");
    }

    @Test
    void changesOnlyDatasecRecords() {
        byte[] before = btf.toBytes();
        byte[] after = laidOut().toBytes();
        assertEquals(before.length, after.length);
        ByteBuffer b = ByteBuffer.wrap(before).order(ByteOrder.LITTLE_ENDIAN);
        int typeStart = 24 + b.getInt(8);
        // Mark the bytes DATASEC records occupy: everything else must be untouched.
        boolean[] datasecByte = new boolean[before.length];
        int pos = typeStart;
        for (int id = 1; id < btf.typeCount(); id++) {
            int vlen = b.getInt(pos + 4) & 0xffff;
            int kind = (b.getInt(pos + 4) >>> 24) & 0x1f;
            int len = 12 + recordExtra(kind, vlen);
            if (kind == BtfKind.DATASEC.value()) {
                for (int i = pos; i < pos + len; i++) {
                    datasecByte[i] = true;
                }
            }
            pos += len;
        }
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                assertTrue(datasecByte[i], "byte " + i + " outside DATASEC records changed");
                changed++;
            }
        }
        assertTrue(changed > 0);
    }

    private static int recordExtra(int kind, int vlen) {
        switch (BtfKind.of(kind)) {
            case INT: case VAR: case DECL_TAG: return 4;
            case ARRAY: return 12;
            case STRUCT: case UNION: case DATASEC: case ENUM64: return 12 * vlen;
            case ENUM: case FUNC_PROTO: return 8 * vlen;
            default: return 0;
        }
    }

    @Test
    void bpftoolReadsTheEditedBtf(@TempDir Path dir) throws Exception {
        assumeTrue(TestObjects.onPath("bpftool"), "bpftool is not installed");
        Btf fixed = laidOut();
        Path file = dir.resolve("fixed.btf");
        Files.write(file, fixed.toBytes());
        List<String> expected = TestObjects.lines(TestObjects.run(List.of("bpftool", "btf", "dump", "file", file.toString())));
        KernelBtfTest.assertSameLines(expected, BpftoolFormat.dump(fixed));
        assertTrue(expected.contains("[48] DATASEC '.bss' size=24 vlen=4"), String.join("\n", expected));
    }

    @Test
    void editorSetsFieldsByIndexAndLeavesTheOriginalAlone() {
        int rodata = btf.datasec(".rodata").orElseThrow().id();
        Btf edited = btf.editor().setDatasecSize(rodata, 12).setVarOffset(rodata, 0, 4).setVarOffset(rodata, 1, 0)
                .setVarSize(rodata, 1, 4).build();
        BtfType.Datasec sec = (BtfType.Datasec) edited.type(rodata);
        assertEquals(12, sec.size());
        // Sorted by offset: other_ro (offset 0) now comes first.
        assertEquals(List.of("other_ro", "min_ns"), sec.vars().stream().map(v -> edited.name(v.type())).toList());
        assertEquals(List.of(0, 4), sec.vars().stream().map(BtfType.VarSecInfo::offset).toList());
        assertEquals(0, btf.datasec(".rodata").orElseThrow().size(), "the original is immutable");
        assertArrayEquals(elf.contents(".BTF"), btf.toBytes());
    }

    @Test
    void misuseIsRejected() {
        int rodata = btf.datasec(".rodata").orElseThrow().id();
        int task = btf.findByName("task", BtfKind.STRUCT);
        Btf.Editor editor = btf.editor();
        assertThrows(IllegalArgumentException.class, () -> editor.setDatasecSize(task, 4));
        assertThrows(IllegalArgumentException.class, () -> editor.setVarOffset(rodata, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> editor.setVarOffset(rodata, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> editor.setDatasecSize(btf.typeCount(), 4));
        IllegalArgumentException noVar = assertThrows(IllegalArgumentException.class,
                () -> btf.withDatasecLayout(".rodata", 12, Map.of("no_such_var", 0)));
        assertTrue(noVar.getMessage().contains("no_such_var"), noVar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> btf.withDatasecLayout(".nope", 12, Map.of()));
    }
}
