package io.bpf4j.btf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;

/**
 * The Jazzer fuzz target of bpf-btf: {@link Btf#parse}, {@link BtfExt#parse}, the decoding of
 * every type, {@link Btf#resolve} and {@link Btf#sizeOf} on every id, {@link CDumper}, the
 * sanitizer and the writer, on inputs derived from real {@code .BTF} and {@code .BTF.ext}
 * sections (clang's output for src/test/bpf/kinds.bpf.c).
 *
 * <p>The contract it checks: malformed input ends in {@link BtfFormatException}. The only other
 * exception allowed is {@link IllegalArgumentException}, and only from the calls documented to
 * throw it for a question the type cannot answer (the size of a FUNC or of void); anything else
 * (IndexOutOfBounds, OutOfMemoryError, StackOverflowError, a hang) is a finding.
 *
 * <p>Each input either is raw BTF as it stands or, to reach deep code at once, is a list of edits
 * (position, value) applied to a real section. In the normal test run Jazzer runs in regression
 * mode (the inputs under src/test/resources/.../BtfFuzzTestInputs, plus the empty input); the
 * build's surefire configuration sets {@code JAZZER_FUZZ=1} and {@code maxDuration} bounds the
 * fuzzing to about 25 s. To fuzz longer:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o -pl bpf-btf test -Dtest=BtfFuzzTest -Djazzer.max_duration=30m
 * </pre>
 * Findings are written to src/test/resources/io/bpf4j/btf/BtfFuzzTestInputs/fuzz/ and replayed
 * by every later run.
 */
class BtfFuzzTest {
    private static final byte[][] SEEDS = seeds();

    private static byte[][] seeds() {
        try {
            MiniElf elf = new MiniElf(Files.readAllBytes(TestObjects.compile("kinds")));
            return new byte[][] {elf.contents(".BTF"), elf.contents(".BTF.ext")};
        } catch (Exception e) {
            throw new IllegalStateException("cannot compile the fuzzing seed kinds.bpf.c", e);
        }
    }

    @com.code_intelligence.jazzer.junit.FuzzTest(maxDuration = "25s")
    void fuzz(FuzzedDataProvider data) {
        byte[] btfBytes;
        byte[] extBytes;
        if (data.consumeBoolean()) {
            btfBytes = data.consumeBytes(data.consumeInt(0, 1 << 16));
            extBytes = data.consumeRemainingAsBytes();
        } else {
            btfBytes = edit(SEEDS[0], data);
            extBytes = edit(SEEDS[1], data);
        }
        Btf btf;
        try {
            btf = Btf.parse(ByteBuffer.wrap(btfBytes), "fuzz .BTF");
        } catch (BtfFormatException expected) {
            return;
        }
        exercise(btf);
        try {
            BtfExt.parse(ByteBuffer.wrap(extBytes), btf, "fuzz .BTF.ext").toString();
        } catch (BtfFormatException expected) {
            // malformed .BTF.ext
        }
    }

    private static byte[] edit(byte[] seed, FuzzedDataProvider data) {
        byte[] b = seed.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && b.length >= 4; i++) {
            int at = data.consumeInt(0, b.length - 4);
            bb.putInt(at, data.consumeInt());
        }
        return data.consumeBoolean() ? java.util.Arrays.copyOf(b, data.consumeInt(0, b.length)) : b;
    }

    static void exercise(Btf btf) {
        for (int id = 0; id < btf.typeCount(); id++) {
            try {
                btf.type(id);
            } catch (BtfFormatException expected) {
                // a bad string offset or linkage in this type
            }
            try {
                btf.resolve(id);
                btf.sizeOf(id);
            } catch (BtfFormatException | IllegalArgumentException expected) {
                // dangling or cyclic reference, overflow; or a type without size (documented IAE)
            }
        }
        try {
            CDumper.header(btf);
        } catch (BtfFormatException expected) {
            // malformed type in the graph
        }
        try {
            BtfSanitizer.sanitize(btf, EnumSet.noneOf(BtfFeature.class));
        } catch (BtfFormatException expected) {
            // malformed type the sanitizer had to read
        }
        try {
            BtfBuilder b = BtfBuilder.withStringsOf(btf);
            for (int id = 1; id < btf.typeCount(); id++) {
                b.add(btf.type(id));
            }
            b.toBytes();
        } catch (BtfFormatException expected) {
            // a type that does not decode
        }
        List.of(btf.findAllByName("task"));
    }
}
