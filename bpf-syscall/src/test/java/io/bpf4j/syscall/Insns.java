package io.bpf4j.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-assembles BPF instructions for tests (encoding per Documentation/bpf/standardization). */
final class Insns {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Insns program() {
        return new Insns();
    }

    private Insns insn(int opcode, int dst, int src, int off, int imm) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) opcode).put((byte) ((src << 4) | dst)).putShort((short) off).putInt(imm);
        out.writeBytes(b.array());
        return this;
    }

    /** {@code dst = imm} (BPF_ALU64 | BPF_MOV | BPF_K). */
    Insns movImm(int dst, int imm) {
        return insn(0xb7, dst, 0, 0, imm);
    }

    /** {@code dst = src} (BPF_ALU64 | BPF_MOV | BPF_X). */
    Insns movReg(int dst, int src) {
        return insn(0xbf, dst, src, 0, 0);
    }

    /** {@code dst += imm} (BPF_ALU64 | BPF_ADD | BPF_K). */
    Insns addImm(int dst, int imm) {
        return insn(0x07, dst, 0, 0, imm);
    }

    /** {@code *(u64 *)(dst + off) = src} (BPF_STX | BPF_MEM | BPF_DW). */
    Insns stxDw(int dst, int src, int off) {
        return insn(0x7b, dst, src, off, 0);
    }

    /** {@code dst = map fd} (BPF_LD | BPF_IMM | BPF_DW, src BPF_PSEUDO_MAP_FD), two slots. */
    Insns ldMapFd(int dst, int mapFd) {
        insn(0x18, dst, 1, 0, mapFd);
        return insn(0, 0, 0, 0, 0);
    }

    /** {@code call helper} (BPF_JMP | BPF_CALL). */
    Insns call(int helper) {
        return insn(0x85, 0, 0, 0, helper);
    }

    /** {@code exit} (BPF_JMP | BPF_EXIT). */
    Insns exit() {
        return insn(0x95, 0, 0, 0, 0);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code r0 = value; exit}. */
    static byte[] returning(int value) {
        return program().movImm(0, value).exit().bytes();
    }
}
