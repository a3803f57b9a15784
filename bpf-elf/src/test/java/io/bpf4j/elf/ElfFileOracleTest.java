package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ELF reader against llvm-readelf-19 on real objects, an executable and libc. */
class ElfFileOracleTest {
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)\\]\\s+(\\S*)\\s+(\\S+)\\s+([0-9a-f]{16})\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s.*$");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*(\\d+):\\s+([0-9a-f]+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*(.*)$");
    private static final Pattern RELOCATION = Pattern.compile("^([0-9a-f]{16})\\s+([0-9a-f]{16})\\s+(\\S+).*$");

    @ParameterizedTest
    @ValueSource(strings = {"linking", "globals", "externs", "legacy_maps"})
    void sectionsMatchReadelf(String object) {
        Path path = TestObjects.path(object);
        ElfFile elf = ElfFile.parse(path);
        List<String> expected = new ArrayList<>();
        for (String line : TestObjects.run("llvm-readelf-19", "-S", "-W", path.toString())) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                expected.add(m.group(1) + " " + m.group(2) + " " + Long.parseLong(m.group(5), 16) + " "
                        + Long.parseLong(m.group(6), 16));
            }
        }
        List<String> actual = elf.sections().stream()
                .map(s -> s.index() + " " + s.name() + " " + s.offset() + " " + s.size()).toList();
        assertFalse(expected.isEmpty());
        // readelf cuts nothing with -W, but prints section names containing spaces as-is: none here.
        assertEquals(expected, actual);
        assertEquals(ElfConstants.EM_BPF, elf.machine());
        assertEquals(ElfConstants.ET_REL, elf.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linking", "globals", "externs"})
    void symbolsMatchReadelf(String object) {
        Path path = TestObjects.path(object);
        ElfFile elf = ElfFile.parse(path);
        List<String> expected = symbolLines(TestObjects.run("llvm-readelf-19", "-s", "-W", path.toString()));
        List<String> actual = elf.symbols().stream()
                .map(sym -> describe(sym, sym.isSection() ? elf.section(sym.sectionIndex()).name() : sym.name()))
                .toList();
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linking", "globals", "externs"})
    void codeRelocationsMatchReadelf(String object) {
        Path path = TestObjects.path(object);
        ElfFile elf = ElfFile.parse(path);
        List<String> expected = new ArrayList<>();
        for (String line : TestObjects.run("llvm-readelf-19", "-r", "-W", path.toString())) {
            Matcher m = RELOCATION.matcher(line);
            if (m.matches()) {
                expected.add(Long.parseLong(m.group(1), 16) + " " + Long.parseUnsignedLong(m.group(2), 16));
            }
        }
        List<String> actual = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (s.isRelocation()) {
                for (ElfRelocation r : elf.relocationsFor(elf.section(s.info()))) {
                    if (r.relocationSection() == s.index()) {
                        actual.add(r.offset() + " " + (((long) r.symbolIndex() << 32) | r.type()));
                    }
                }
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void mallocInLibcMatchesReadelf() {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        if (!Files.exists(libc)) {
            libc = Path.of("/lib/aarch64-linux-gnu/libc.so.6");
        }
        assumeTrue(Files.exists(libc), "no glibc at the Debian path on this machine");
        ElfFile elf = ElfFile.parse(libc);
        assertEquals(ElfConstants.ET_DYN, elf.type());
        ElfSymbol malloc = elf.dynamicSymbols().stream().filter(s -> s.name().equals("malloc"))
                .findFirst().orElseThrow();
        assertTrue(malloc.isFunction() && malloc.dynamic());
        String expected = null;
        for (String line : TestObjects.run("llvm-readelf-19", "--dyn-syms", "-W", libc.toString())) {
            Matcher m = SYMBOL.matcher(line);
            if (m.matches() && m.group(8).startsWith("malloc@")) {
                expected = m.group(2) + " " + m.group(3);
            }
        }
        assertEquals(expected, String.format("%016x %d", malloc.value(), malloc.size()));
        assertEquals(malloc.value(), elf.findSymbol("malloc").orElseThrow().value());
        // The file offset of malloc lies in the executable PT_LOAD segment and holds its code.
        long offset = elf.fileOffsetOf(malloc.value()).orElseThrow();
        ElfSegment text = elf.segments().stream().filter(s -> s.isLoad() && s.containsInFile(malloc.value()))
                .findFirst().orElseThrow();
        assertTrue(text.isExecutable());
        assertEquals(malloc.value() - text.virtualAddress() + text.offset(), offset);
    }

    @Test
    void programHeadersOfAnExecutableMatchReadelf() {
        Path ls = Path.of("/bin/ls");
        assumeTrue(Files.exists(ls));
        ElfFile elf = ElfFile.parse(ls);
        Pattern load = Pattern.compile("^\\s*LOAD\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+).*$");
        List<String> expected = new ArrayList<>();
        for (String line : TestObjects.run("llvm-readelf-19", "-l", "-W", ls.toString())) {
            Matcher m = load.matcher(line);
            if (m.matches()) {
                expected.add(Long.parseLong(m.group(1), 16) + " " + Long.parseLong(m.group(2), 16) + " "
                        + Long.parseLong(m.group(4), 16) + " " + Long.parseLong(m.group(5), 16));
            }
        }
        List<String> actual = elf.segments().stream().filter(ElfSegment::isLoad)
                .map(s -> s.offset() + " " + s.virtualAddress() + " " + s.fileSize() + " " + s.memorySize()).toList();
        assertFalse(actual.isEmpty());
        assertEquals(expected, actual);
    }

    private static List<String> symbolLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SYMBOL.matcher(line);
            if (m.matches()) {
                out.add(Integer.parseInt(m.group(1)) + " " + Long.parseUnsignedLong(m.group(2), 16) + " " + m.group(3)
                        + " " + m.group(4) + " " + m.group(5) + " " + m.group(7) + " " + m.group(8).trim());
            }
        }
        return out;
    }

    private static String describe(ElfSymbol s, String name) {
        String type = switch (s.type()) {
            case ElfConstants.STT_NOTYPE -> "NOTYPE";
            case ElfConstants.STT_OBJECT -> "OBJECT";
            case ElfConstants.STT_FUNC -> "FUNC";
            case ElfConstants.STT_SECTION -> "SECTION";
            case ElfConstants.STT_FILE -> "FILE";
            default -> String.valueOf(s.type());
        };
        String bind = switch (s.bind()) {
            case ElfConstants.STB_LOCAL -> "LOCAL";
            case ElfConstants.STB_GLOBAL -> "GLOBAL";
            case ElfConstants.STB_WEAK -> "WEAK";
            default -> String.valueOf(s.bind());
        };
        String ndx = s.sectionIndex() == 0 ? "UND" : s.sectionIndex() == ElfConstants.SHN_ABS ? "ABS"
                : String.valueOf(s.sectionIndex());
        // readelf names section symbols after their section (the caller passes that name).
        return s.index() + " " + s.value() + " " + s.size() + " " + type + " " + bind + " " + ndx + " " + name;
    }
}
