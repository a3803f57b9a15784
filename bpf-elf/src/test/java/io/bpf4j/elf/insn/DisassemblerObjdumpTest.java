package io.bpf4j.elf.insn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.TestObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The disassembler against its oracle: for every BPF object the reactor has compiled (this
 * module's test objects, its {@code -mcpu=v4} objects, and the {@code META-INF/bpf} objects
 * of every other module that has been built), each instruction's text must equal what
 * {@code llvm-objdump-19 -d --mcpu=v4} prints for it, symbol annotations ({@code <name+0x10>})
 * aside. {@code --mcpu=v4} because without it LLVM decodes 32-bit atomics as their pre-v3 forms
 * (or not at all) and prints 32-bit loads and stores with 64-bit register names.
 */
class DisassemblerObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+):\\t(.*)$");
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (.*):$");

    static List<Path> objects() {
        List<Path> list = new ArrayList<>();
        Path testClasses = testClasses();
        for (String dir : List.of("META-INF/bpf", "META-INF/bpf-v4")) {
            list.addAll(glob(testClasses.resolve(dir)));
        }
        // Other modules of the reactor, where they have been built (bpf-elf/target/test-classes -> reactor root).
        Path root = testClasses.getParent().getParent().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                if (m.equals(testClasses.getParent().getParent())) {
                    continue;
                }
                for (String dir : List.of("target/classes/META-INF/bpf", "target/test-classes/META-INF/bpf")) {
                    list.addAll(glob(m.resolve(dir)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    private static Path testClasses() {
        try {
            return Path.of(TestObjects.path("linking").toUri()).getParent().getParent().getParent();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot find target/test-classes", e);
        }
    }

    private static List<Path> glob(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bpf.o")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theGlobFindsThisModulesObjectsIncludingIsaV4() {
        List<String> names = objects().stream().map(p -> p.getParent().getFileName() + "/" + p.getFileName()).toList();
        assertTrue(names.contains("bpf/linking.bpf.o"), names.toString());
        assertTrue(names.contains("bpf-v4/isa_v4.bpf.o"), names.toString());
    }

    @ParameterizedTest
    @MethodSource("objects")
    void everyInstructionPrintsAsLlvmObjdumpPrintsIt(Path object) {
        ElfFile elf = ElfFile.parse(object);
        String current = null;
        List<Instruction> code = null;
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String l : TestObjects.run("llvm-objdump-19", "-d", "--mcpu=v4", "--no-show-raw-insn", object.toString())) {
            Matcher s = SECTION.matcher(l);
            if (s.matches()) {
                current = s.group(1);
                code = Instructions.decode(elf.data(elf.section(current).orElseThrow()));
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches() || code == null) {
                continue;
            }
            int slot = Integer.parseInt(m.group(1));
            String expected = m.group(2).replaceAll(" <[^<>]*>$", "").trim();
            String actual = Disassembler.format(code.get(indexOfSlot(code, slot)));
            if (!expected.equals(actual)) {
                mismatches.add(current + " slot " + slot + ": llvm-objdump '" + expected + "', bpf4j '" + actual + "'");
            }
            compared++;
        }
        boolean hasCode = elf.sections().stream().anyMatch(s -> s.isExecutable() && s.size() > 0);
        assertEquals(hasCode, compared > 0, "llvm-objdump's instructions for " + object);
        assertEquals(List.of(), mismatches, object.toString());
    }

    private static int indexOfSlot(List<Instruction> code, int slot) {
        int s = 0;
        for (int i = 0; i < code.size(); i++) {
            if (s == slot) {
                return i;
            }
            s += code.get(i).slots();
        }
        throw new AssertionError("no instruction at slot " + slot);
    }
}
