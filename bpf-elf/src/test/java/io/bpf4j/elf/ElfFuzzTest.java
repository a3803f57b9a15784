package io.bpf4j.elf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bpf4j.elf.insn.Disassembler;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link ElfFile} and {@link ObjectSpec}: whatever the bytes,
 * the only exceptions allowed out are {@link ElfFormatException} and, for a BTF map attribute
 * libbpf does not know either, {@link UnsupportedOperationException}. Anything else (an
 * IndexOutOfBoundsException, an IllegalArgumentException, an OutOfMemoryError, a hang) is a
 * finding and fails the test.
 *
 * <p>Inputs are seeded from the module's test objects: the fuzzer's bytes choose a test object
 * and a handful of mutations of it (byte overwrites, interesting 16/32/64-bit values at chosen
 * offsets, truncation), so that it starts from well-formed objects and explores what lies
 * around them; a last mode hands the raw bytes to the reader.
 *
 * <p>How long: bpf-elf's pom sets {@code JAZZER_FUZZ=1} for surefire, so every build fuzzes for
 * the {@code maxDuration} below (25 s). For a longer run:
 * <pre>{@code
 * cd bpf-elf && JAZZER_FUZZ=1 JAZZER_MAX_DURATION=30m mvn -o test -Dtest=ElfFuzzTest
 * }</pre>
 * Findings are written to {@code src/test/resources/io/bpf4j/elf/ElfFuzzTestInputs/} and then
 * replayed by every build as regression inputs (also without {@code JAZZER_FUZZ}); the generated
 * corpus goes to {@code .cifuzz-corpus/} (not committed).
 */
class ElfFuzzTest {
    private static final List<byte[]> SEEDS = seeds();
    private static final long[] INTERESTING = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL,
            0x80000000L, 0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, 8, 16, 20, 36, 64};

    private static List<byte[]> seeds() {
        List<byte[]> list = new ArrayList<>();
        for (String name : List.of("linking", "globals", "externs", "legacy_maps", "sections", "struct_ops")) {
            try (InputStream in = ElfFuzzTest.class.getResourceAsStream("/META-INF/bpf/" + name + ".bpf.o")) {
                if (in != null) {
                    list.add(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalStateException("no test objects under /META-INF/bpf: did the bpf4j plugin run?");
        }
        return list;
    }

    @FuzzTest(maxDuration = "25s")
    void elfReaderAndObjectSpecThrowOnlyTypedExceptions(FuzzedDataProvider data) {
        byte[] input = input(data);
        try {
            ElfFile elf = ElfFile.parse(input, "fuzz.bpf.o");
            for (ElfSection s : elf.sections()) {
                elf.data(s);
                if (s.isRelocation() && s.info() > 0 && s.info() < elf.sections().size()) {
                    for (ElfRelocation r : elf.relocationsFor(elf.section(s.info()))) {
                        elf.symbolOf(r);
                    }
                }
            }
            elf.symbols();
            elf.dynamicSymbols();
            ObjectSpec spec = ObjectSpec.parse(input, "fuzz.bpf.o");
            for (ProgramSpec p : spec.programs()) {
                Disassembler.format(p.instructions());
                p.section();
                p.instructionBytes();
            }
            spec.toString();
        } catch (ElfFormatException | UnsupportedOperationException expected) {
            // the typed failures
        }
    }

    private static byte[] input(FuzzedDataProvider data) {
        if (data.consumeInt(0, 15) == 0) {
            return data.consumeRemainingAsBytes();
        }
        byte[] seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
        byte[] b = seed.clone();
        int mutations = data.consumeInt(1, 8);
        for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, b.length - 1);
            switch (data.consumeInt(0, 4)) {
                case 0 -> b[at] = data.consumeByte();
                case 1 -> put(b, at, INTERESTING[data.consumeInt(0, INTERESTING.length - 1)], 2);
                case 2 -> put(b, at, INTERESTING[data.consumeInt(0, INTERESTING.length - 1)], 4);
                case 3 -> put(b, at, INTERESTING[data.consumeInt(0, INTERESTING.length - 1)], 8);
                default -> b = java.util.Arrays.copyOf(b, at);
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static void put(byte[] b, int at, long value, int width) {
        for (int i = 0; i < width && at + i < b.length; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
