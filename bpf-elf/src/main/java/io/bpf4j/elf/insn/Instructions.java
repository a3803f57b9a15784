package io.bpf4j.elf.insn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoding and encoding of BPF instruction streams ({@code struct bpf_insn} arrays).
 *
 * <p>The register byte holds {@code dst} in its low nibble on little-endian targets and in its
 * high nibble on big-endian ones (the C bit-field order of {@code struct bpf_insn}).
 */
public final class Instructions {
    private Instructions() {
    }

    /**
     * Decodes the instructions between the buffer's position and limit, in the buffer's byte
     * order. The buffer's position is not changed.
     *
     * @param code instruction bytes, a multiple of 8
     * @return the instructions; an {@code ld_imm64} is one element for two slots
     * @throws IllegalArgumentException if the length is not a multiple of 8, or an
     *     {@code ld_imm64} lacks its well-formed second slot; the message gives the byte offset
     */
    public static List<Instruction> decode(ByteBuffer code) {
        ByteBuffer b = code.duplicate().order(code.order());
        int start = b.position();
        int length = b.remaining();
        if (length % Opcodes.BPF_INSN_SIZE != 0) {
            throw new IllegalArgumentException("instruction bytes: length " + length + " is not a multiple of 8");
        }
        boolean little = b.order() == ByteOrder.LITTLE_ENDIAN;
        List<Instruction> list = new ArrayList<>(length / Opcodes.BPF_INSN_SIZE);
        int p = 0;
        while (p < length) {
            int at = start + p;
            int opcode = b.get(at) & 0xff;
            int regs = b.get(at + 1) & 0xff;
            int dst = little ? regs & 0xf : regs >>> 4;
            int src = little ? regs >>> 4 : regs & 0xf;
            int offset = b.getShort(at + 2);
            int imm = b.getInt(at + 4);
            int nextImm = 0;
            if (opcode == Instruction.LD_IMM64) {
                if (p + 16 > length) {
                    throw new IllegalArgumentException("ld_imm64 at byte offset " + p + " lacks its second slot");
                }
                int second = at + 8;
                if (b.get(second) != 0 || b.get(second + 1) != 0 || b.getShort(second + 2) != 0) {
                    throw new IllegalArgumentException("ld_imm64 at byte offset " + p
                            + " has a second slot with non-zero opcode, registers or offset");
                }
                nextImm = b.getInt(second + 4);
                p += 16;
            } else {
                p += 8;
            }
            list.add(new Instruction(opcode, dst, src, offset, imm, nextImm));
        }
        return list;
    }

    /**
     * {@return the instructions decoded from little-endian bytes}
     *
     * @param code instruction bytes, a multiple of 8
     * @throws IllegalArgumentException as {@link #decode(ByteBuffer)}
     */
    public static List<Instruction> decode(byte[] code) {
        return decode(ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * {@return the instructions encoded little endian, as the kernel on x86-64 and arm64 wants them}
     *
     * @param instructions the instructions
     */
    public static byte[] encode(List<Instruction> instructions) {
        return encode(instructions, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@return the instructions encoded in {@code order}}
     *
     * @param instructions the instructions
     * @param order the target's byte order
     */
    public static byte[] encode(List<Instruction> instructions, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(slotCount(instructions) * Opcodes.BPF_INSN_SIZE).order(order);
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        for (Instruction insn : instructions) {
            b.put((byte) insn.opcode());
            b.put((byte) (little ? (insn.src() << 4) | insn.dst() : (insn.dst() << 4) | insn.src()));
            b.putShort((short) insn.offset());
            b.putInt(insn.imm());
            if (insn.isLdImm64()) {
                b.putInt(0);
                b.putInt(insn.nextImm());
            }
        }
        return b.array();
    }

    /**
     * {@return the number of 8-byte slots the instructions occupy}
     *
     * @param instructions the instructions
     */
    public static int slotCount(List<Instruction> instructions) {
        int slots = 0;
        for (Instruction insn : instructions) {
            slots += insn.slots();
        }
        return slots;
    }
}
