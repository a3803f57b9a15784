package io.bpf4j.elf.insn;

import static io.bpf4j.elf.insn.Opcodes.BPF_ALU;
import static io.bpf4j.elf.insn.Opcodes.BPF_ALU64;
import static io.bpf4j.elf.insn.Opcodes.BPF_CALL;
import static io.bpf4j.elf.insn.Opcodes.BPF_DW;
import static io.bpf4j.elf.insn.Opcodes.BPF_EXIT;
import static io.bpf4j.elf.insn.Opcodes.BPF_IMM;
import static io.bpf4j.elf.insn.Opcodes.BPF_JMP;
import static io.bpf4j.elf.insn.Opcodes.BPF_JMP32;
import static io.bpf4j.elf.insn.Opcodes.BPF_LD;
import static io.bpf4j.elf.insn.Opcodes.BPF_PSEUDO_CALL;
import static io.bpf4j.elf.insn.Opcodes.BPF_PSEUDO_FUNC;
import static io.bpf4j.elf.insn.Opcodes.BPF_PSEUDO_KFUNC_CALL;

/**
 * One BPF instruction, immutable. Every instruction is one 8-byte slot except the 64-bit
 * immediate load ({@code ld_imm64}, opcode {@code BPF_LD | BPF_IMM | BPF_DW}), which is one
 * instruction of two slots (16 bytes): its second slot's immediate is {@link #nextImm()}.
 *
 * <p>The fields mirror {@code struct bpf_insn} of {@code include/uapi/linux/bpf.h}.
 *
 * @param opcode the opcode byte, 0-255
 * @param dst the destination register, 0-15
 * @param src the source register, 0-15 (also the "pseudo" kind of calls and {@code ld_imm64})
 * @param offset the signed 16-bit offset
 * @param imm the signed 32-bit immediate
 * @param nextImm the second slot's immediate of an {@code ld_imm64}; 0 for every other instruction
 */
public record Instruction(int opcode, int dst, int src, int offset, int imm, int nextImm) {
    /** The {@code ld_imm64} opcode: {@code BPF_LD | BPF_IMM | BPF_DW}. */
    public static final int LD_IMM64 = BPF_LD | BPF_IMM | BPF_DW;

    /** Checks that each field fits its bits. */
    public Instruction {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("opcode " + opcode + " is not a byte");
        }
        if (dst < 0 || dst > 15 || src < 0 || src > 15) {
            throw new IllegalArgumentException("registers dst=" + dst + " src=" + src + " must be 0-15");
        }
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit 16 bits");
        }
        if (nextImm != 0 && opcode != LD_IMM64) {
            throw new IllegalArgumentException("only ld_imm64 has a second immediate (opcode 0x"
                    + Integer.toHexString(opcode) + ")");
        }
    }

    /**
     * {@return a one-slot instruction}
     *
     * @param opcode the opcode byte
     * @param dst the destination register
     * @param src the source register
     * @param offset the signed 16-bit offset
     * @param imm the immediate
     */
    public static Instruction of(int opcode, int dst, int src, int offset, int imm) {
        return new Instruction(opcode, dst, src, offset, imm, 0);
    }

    /**
     * {@return an {@code ld_imm64} loading {@code value} into {@code dst}}
     *
     * @param dst the destination register
     * @param src the pseudo kind ({@code BPF_PSEUDO_MAP_FD} ...) or 0 for a plain constant
     * @param value the 64-bit constant
     */
    public static Instruction ldImm64(int dst, int src, long value) {
        return new Instruction(LD_IMM64, dst, src, 0, (int) value, (int) (value >>> 32));
    }

    /** {@return the instruction class, {@code BPF_LD} ... {@code BPF_ALU64}} */
    public int instructionClass() {
        return Opcodes.instructionClass(opcode);
    }

    /** {@return the number of 8-byte slots: 2 for {@code ld_imm64}, else 1} */
    public int slots() {
        return opcode == LD_IMM64 ? 2 : 1;
    }

    /** {@return the encoded size in bytes: 16 for {@code ld_imm64}, else 8} */
    public int byteSize() {
        return slots() * Opcodes.BPF_INSN_SIZE;
    }

    /** {@return true for the 64-bit immediate load ({@code BPF_LD | BPF_IMM | BPF_DW})} */
    public boolean isLdImm64() {
        return opcode == LD_IMM64;
    }

    /** {@return the 64-bit constant of an {@code ld_imm64}: {@code imm} low, {@code nextImm} high} */
    public long constant64() {
        return (Integer.toUnsignedLong(imm)) | ((long) nextImm << 32);
    }

    /** {@return true for {@code BPF_JMP | BPF_CALL}, whatever it calls} */
    public boolean isCall() {
        return opcode == (BPF_JMP | BPF_CALL);
    }

    /** {@return true for a call of a helper function (src 0); imm is the helper id} */
    public boolean isHelperCall() {
        return isCall() && src == 0;
    }

    /** {@return true for a BPF-to-BPF call ({@code src == BPF_PSEUDO_CALL}); imm is the callee's relative offset} */
    public boolean isPseudoCall() {
        return isCall() && src == BPF_PSEUDO_CALL;
    }

    /** {@return true for a kfunc call ({@code src == BPF_PSEUDO_KFUNC_CALL}); imm is a BTF id} */
    public boolean isKfuncCall() {
        return isCall() && src == BPF_PSEUDO_KFUNC_CALL;
    }

    /** {@return true for an {@code ld_imm64} of a function address ({@code src == BPF_PSEUDO_FUNC}, callbacks)} */
    public boolean isPseudoFunc() {
        return isLdImm64() && src == BPF_PSEUDO_FUNC;
    }

    /** {@return true for {@code BPF_JMP | BPF_EXIT}} */
    public boolean isExit() {
        return opcode == (BPF_JMP | BPF_EXIT);
    }

    /** {@return true for a jump whose target is {@code offset} (or {@code imm} for {@code gotol}): not a call or exit} */
    public boolean isJump() {
        int cls = instructionClass();
        if (cls != BPF_JMP && cls != BPF_JMP32) {
            return false;
        }
        int op = Opcodes.operation(opcode);
        return op != BPF_CALL && op != BPF_EXIT;
    }

    /** {@return true for an arithmetic instruction ({@code BPF_ALU} or {@code BPF_ALU64})} */
    public boolean isAlu() {
        int cls = instructionClass();
        return cls == BPF_ALU || cls == BPF_ALU64;
    }

    /**
     * {@return a copy with another immediate}
     *
     * @param newImm the immediate
     */
    public Instruction withImm(int newImm) {
        return new Instruction(opcode, dst, src, offset, newImm, nextImm);
    }

    /**
     * {@return a copy with another second-slot immediate (only for {@code ld_imm64})}
     *
     * @param newNextImm the second slot's immediate
     */
    public Instruction withNextImm(int newNextImm) {
        return new Instruction(opcode, dst, src, offset, imm, newNextImm);
    }

    /**
     * {@return a copy with another 64-bit constant (only for {@code ld_imm64})}
     *
     * @param value the constant
     */
    public Instruction withConstant64(long value) {
        return new Instruction(opcode, dst, src, offset, (int) value, (int) (value >>> 32));
    }

    /**
     * {@return a copy with another source register (or pseudo kind)}
     *
     * @param newSrc the source register, 0-15
     */
    public Instruction withSrc(int newSrc) {
        return new Instruction(opcode, dst, newSrc, offset, imm, nextImm);
    }

    /**
     * {@return a copy with another destination register}
     *
     * @param newDst the destination register, 0-15
     */
    public Instruction withDst(int newDst) {
        return new Instruction(opcode, newDst, src, offset, imm, nextImm);
    }

    /**
     * {@return a copy with another offset}
     *
     * @param newOffset the signed 16-bit offset
     */
    public Instruction withOffset(int newOffset) {
        return new Instruction(opcode, dst, src, newOffset, imm, nextImm);
    }

    /**
     * {@return a copy with another opcode; a non-{@code ld_imm64} result drops {@code nextImm}}
     *
     * @param newOpcode the opcode byte
     */
    public Instruction withOpcode(int newOpcode) {
        return new Instruction(newOpcode, dst, src, offset, imm, newOpcode == LD_IMM64 ? nextImm : 0);
    }

    /** {@return the instruction in the assembler syntax of {@code llvm-objdump}} */
    @Override
    public String toString() {
        return Disassembler.format(this);
    }
}
