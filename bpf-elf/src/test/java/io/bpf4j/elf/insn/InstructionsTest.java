package io.bpf4j.elf.insn;

import static io.bpf4j.elf.insn.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.TestObjects;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstructionsTest {

    private static List<Instruction> hex(String hex) {
        return Instructions.decode(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void decodesKnownEncodingsOfEachClass() {
        // Bytes as llvm-objdump prints them for clang's output.
        assertEquals(Instruction.of(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 42), hex("b7 01 00 00 2a 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0), hex("bf 16 00 00 00 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_ALU | BPF_ADD | BPF_K, 2, 0, 0, -4), hex("04 02 00 00 fc ff ff ff").get(0));
        assertEquals(Instruction.of(BPF_STX | BPF_MEM | BPF_W, 10, 1, -4, 0), hex("63 1a fc ff 00 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -8, 7), hex("7a 0a f8 ff 07 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_LDX | BPF_MEM | BPF_W, 1, 1, 12, 0), hex("61 11 0c 00 00 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 3, 0), hex("15 01 03 00 00 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_JMP32 | BPF_JNE | BPF_X, 1, 2, -2, 0), hex("5e 21 fe ff 00 00 00 00").get(0));
        assertEquals(Instruction.of(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD), hex("db 21 00 00 00 00 00 00").get(0));
        Instruction call = hex("85 10 00 00 ff ff ff ff").get(0);
        assertTrue(call.isCall() && call.isPseudoCall() && !call.isHelperCall());
        assertEquals(-1, call.imm());
        Instruction exit = hex("95 00 00 00 00 00 00 00").get(0);
        assertTrue(exit.isExit());
        List<Instruction> ld = hex("18 01 00 00 78 56 34 12 00 00 00 00 ef cd ab 90 95 00 00 00 00 00 00 00");
        assertEquals(2, ld.size(), "ld_imm64 is one instruction of two slots");
        assertTrue(ld.get(0).isLdImm64());
        assertEquals(0x90abcdef12345678L, ld.get(0).constant64());
        assertEquals(2, ld.get(0).slots());
        assertEquals(3, Instructions.slotCount(ld));
    }

    @Test
    void everyOpcodeRoundTripsInBothByteOrders() {
        Random random = new Random(42);
        List<Instruction> all = new ArrayList<>();
        for (int opcode = 0; opcode < 256; opcode++) {
            int nextImm = opcode == Instruction.LD_IMM64 ? random.nextInt() : 0;
            all.add(new Instruction(opcode, random.nextInt(16), random.nextInt(16),
                    random.nextInt(65536) - 32768, random.nextInt(), nextImm));
        }
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] bytes = Instructions.encode(all, order);
            assertEquals(257 * 8, bytes.length);
            assertEquals(all, Instructions.decode(ByteBuffer.wrap(bytes).order(order)));
        }
        // The register byte: dst in the low nibble on little endian, in the high nibble on big endian.
        Instruction mov = Instruction.of(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 0, 0);
        assertEquals(0x21, Instructions.encode(List.of(mov), ByteOrder.LITTLE_ENDIAN)[1]);
        assertEquals(0x12, Instructions.encode(List.of(mov), ByteOrder.BIG_ENDIAN)[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linking", "globals", "externs", "legacy_maps", "sections", "struct_ops"})
    void codeSectionsOfRealObjectsRoundTripByteForByte(String object) {
        ElfFile elf = ElfFile.parse(TestObjects.bytes(object), object);
        int sections = 0;
        for (ElfSection s : elf.sections()) {
            if (s.isExecutable() && s.size() > 0) {
                byte[] original = elf.bytes(s);
                assertArrayEquals(original, Instructions.encode(Instructions.decode(elf.data(s))), s.name());
                sections++;
            }
        }
        assertTrue(sections > 0);
    }

    @Test
    void malformedStreamsAreRejectedWithTheirOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Instructions.decode(new byte[12]));
        assertTrue(e.getMessage().contains("multiple of 8"));
        e = assertThrows(IllegalArgumentException.class,
                () -> hex("95 00 00 00 00 00 00 00 18 01 00 00 00 00 00 00"));
        assertTrue(e.getMessage().contains("byte offset 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Instruction.of(0x100, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Instruction.of(0xb7, 16, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Instruction.of(0xb7, 0, 0, 40000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Instruction(0xb7, 0, 0, 0, 0, 1));
    }

    @Test
    void withersChangeOneField() {
        Instruction ld = Instruction.ldImm64(1, 0, 0);
        Instruction patched = ld.withSrc(BPF_PSEUDO_MAP_VALUE).withImm(7).withNextImm(16);
        assertEquals(new Instruction(Instruction.LD_IMM64, 1, BPF_PSEUDO_MAP_VALUE, 0, 7, 16), patched);
        assertEquals("ld_pseudo\tr1, 0x2, 0x1000000007", patched.toString(), "LLVM's syntax for a pseudo ld_imm64");
        assertTrue(ld.withSrc(BPF_PSEUDO_FUNC).isPseudoFunc());
        assertFalse(ld.isPseudoFunc());
        assertEquals(Instruction.of(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 9),
                Instruction.of(BPF_JMP | BPF_CALL, 0, 0, 0, 1).withSrc(BPF_PSEUDO_KFUNC_CALL).withImm(9));
        assertEquals(0, ld.withOpcode(0xb7).nextImm());
    }
}
