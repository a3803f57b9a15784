package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to a real .BTF / .BTF.ext (a cheap stand-in until the Jazzer fuzzer):
 * whatever the bytes, the only exceptions are BtfFormatException and, for questions a type cannot
 * answer (the size of a FUNC), IllegalArgumentException; never a hang.
 */
class FuzzTest {
    private static final int ROUNDS = 3000;
    private static byte[] btfBytes;
    private static byte[] extBytes;

    @BeforeAll
    static void compile() throws Exception {
        MiniElf elf = new MiniElf(Files.readAllBytes(TestObjects.compile("kinds")));
        btfBytes = elf.contents(".BTF");
        extBytes = elf.contents(".BTF.ext");
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(b.length - 3) & ~3;
            switch (random.nextInt(4)) {
                case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bb.putInt(at, random.nextInt());
                case 2 -> bb.putInt(at, new int[] {0, -1, 1, 0xffff, 0x7fffffff, 1 << 24, b.length}[random.nextInt(7)]);
                default -> bb.putInt(at, bb.getInt(at) + random.nextInt(9) - 4);
            }
        }
        return random.nextInt(10) == 0 ? Arrays.copyOf(b, random.nextInt(b.length)) : b;
    }

    @Test
    void damagedBtfFailsCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(20240601);
            int parsed = 0;
            for (int round = 0; round < ROUNDS; round++) {
                byte[] bytes = damage(btfBytes, random);
                try {
                    exercise(Btf.parse(ByteBuffer.wrap(bytes), "fuzz"));
                    parsed++;
                } catch (BtfFormatException expected) {
                    assertTrue(expected.offset() >= 0, expected.getMessage());
                }
            }
            assertTrue(parsed > 0, "some damaged inputs still parse and get exercised");
        });
    }

    private static void exercise(Btf btf) {
        for (int id = 0; id < btf.typeCount(); id++) {
            try {
                if (id > 0) {
                    BpftoolFormat.render(btf, btf.type(id), new java.util.ArrayList<>());
                }
            } catch (BtfFormatException expected) {
                // a bad string offset, linkage or reference in this type
            }
            try {
                btf.resolve(id);
                btf.sizeOf(id);
            } catch (BtfFormatException | IllegalArgumentException expected) {
                // dangling reference, cycle, overflow, or a type without size
            }
            try {
                btf.findAllByName(btf.name(id));
            } catch (BtfFormatException expected) {
                // name offsets are checked at parse time; member names are not
            }
        }
        try {
            btf.datasec(".bss").ifPresent(sec -> btf.withDatasecLayout(".bss", 64, Map.of()).toBytes());
        } catch (BtfFormatException expected) {
            // the DATASEC's variables may be damaged
        }
    }

    @Test
    void damagedBtfExtFailsCleanly() {
        Btf btf = Btf.parse(ByteBuffer.wrap(btfBytes), "kinds.bpf.o .BTF");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(7);
            for (int round = 0; round < ROUNDS; round++) {
                try {
                    BtfExt.parse(ByteBuffer.wrap(damage(extBytes, random)), btf, "fuzz").toString();
                } catch (BtfFormatException expected) {
                    assertTrue(expected.offset() >= 0, expected.getMessage());
                }
            }
        });
    }
}
