package io.bpf4j.core.internal;

import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import java.util.List;

/**
 * Writes a relocated value into an instruction, or poisons it (libbpf's
 * {@code bpf_core_patch_insn}). Supported forms, as the compiler emits them:
 * <ul>
 *   <li>ALU/ALU64 with an immediate operand ({@code r1 = 1264}, {@code r1 += 1264}): the
 *       immediate;</li>
 *   <li>LDX/ST/STX ({@code r2 = *(u32 *)(r0 + 1264)}): the offset, and the access width when the
 *       field's size changed and that is safe;</li>
 *   <li>{@code ld_imm64} of a plain constant: the 64-bit immediate.</li>
 * </ul>
 * Before patching, the instruction must hold the value the compiler computed against the local
 * BTF, unless the calculation said that value cannot be checked.
 */
public final class InstructionPatcher {
    /**
     * The helper id a poisoned instruction calls: {@code 0xbad2310}, "bad relo", as libbpf's
     * {@code bpf_core_poison_insn}. The verifier rejects it ("invalid func unknown#195896080")
     * only if the instruction is reachable.
     */
    public static final int POISON_HELPER_ID = 0xbad2310;

    private InstructionPatcher() {
    }

    /**
     * What patching produced.
     *
     * @param replacement the instruction(s) that replace the original: one, or two calls for a
     *     poisoned {@code ld_imm64} (which occupies two slots)
     * @param poisonReason why the instruction was poisoned, {@code null} if it was patched
     */
    public record Patch(List<Instruction> replacement, String poisonReason) {
        /** {@return whether the instruction was poisoned} */
        public boolean poisoned() {
            return poisonReason != null;
        }
    }

    /** {@return the poisoned form of an instruction, keeping its slot count} */
    public static Patch poison(Instruction insn, String reason) {
        Instruction call = Instruction.of(Opcodes.BPF_JMP | Opcodes.BPF_CALL, 0, 0, 0, POISON_HELPER_ID);
        return new Patch(insn.isLdImm64() ? List.of(call, call) : List.of(call), reason);
    }

    /**
     * Patches one instruction.
     *
     * @param insn the instruction the relocation points at
     * @param v the computed values
     * @return the replacement
     * @throws InvalidRelocationException if the instruction has an unexpected form or value
     */
    public static Patch patch(Instruction insn, RelocationValues v) {
        if (v.poison()) {
            return poison(insn, v.poisonReason());
        }
        int cls = insn.instructionClass();
        switch (cls) {
            case Opcodes.BPF_ALU:
            case Opcodes.BPF_ALU64: {
                if (Opcodes.source(insn.opcode()) != Opcodes.BPF_K) {
                    throw new InvalidRelocationException("ALU instruction " + insn + " has a register operand, not an immediate");
                }
                if (v.validate() && !sameLow32(insn.imm(), v.localValue())) {
                    throw unexpected("ALU/ALU64", insn.imm(), v);
                }
                if (!fits32(v.targetValue())) {
                    throw new InvalidRelocationException("value " + v.targetValue() + " does not fit the 32-bit immediate of " + insn);
                }
                return new Patch(List.of(insn.withImm((int) v.targetValue())), null);
            }
            case Opcodes.BPF_LDX:
            case Opcodes.BPF_ST:
            case Opcodes.BPF_STX: {
                if (v.validate() && insn.offset() != v.localValue()) {
                    throw unexpected("LDX/ST/STX", insn.offset(), v);
                }
                if (v.targetValue() > Short.MAX_VALUE || v.targetValue() < 0) {
                    throw new InvalidRelocationException("offset " + v.targetValue() + " does not fit the 16-bit offset of " + insn);
                }
                if (v.sizeChangeUnsafe()) {
                    return poison(insn, "the field's size changes from " + v.localSize() + " to " + v.targetSize()
                            + " bytes and it is neither a pointer nor an unsigned integer on both sides");
                }
                Instruction out = insn.withOffset((int) v.targetValue());
                if (v.localSize() != v.targetSize()) {
                    int width = widthBytes(insn.opcode());
                    if (width != v.localSize()) {
                        throw new InvalidRelocationException("instruction " + insn + " accesses " + width
                                + " bytes, but the local field has " + v.localSize());
                    }
                    int sizeCode = sizeCode(v.targetSize());
                    if (sizeCode < 0) {
                        throw new InvalidRelocationException("the target field's size " + v.targetSize()
                                + " is not a load/store width (1, 2, 4 or 8)");
                    }
                    out = out.withOpcode(Opcodes.mode(insn.opcode()) | sizeCode | cls);
                }
                return new Patch(List.of(out), null);
            }
            case Opcodes.BPF_LD: {
                if (!insn.isLdImm64() || insn.src() != 0 || insn.offset() != 0) {
                    throw new InvalidRelocationException("instruction " + insn + " is not an ld_imm64 of a plain constant");
                }
                if (v.validate() && insn.constant64() != v.localValue()) {
                    throw unexpected("LDIMM64", insn.constant64(), v);
                }
                return new Patch(List.of(insn.withConstant64(v.targetValue())), null);
            }
            default:
                throw new InvalidRelocationException("cannot relocate instruction " + insn + " (opcode 0x"
                        + Integer.toHexString(insn.opcode()) + ")");
        }
    }

    // The compiler writes 32-bit immediates of either signedness: compare the bits that exist.
    private static boolean sameLow32(int imm, long expected) {
        return fits32(expected) && imm == (int) expected;
    }

    private static boolean fits32(long value) {
        return value >= Integer.MIN_VALUE && value <= 0xffff_ffffL;
    }

    private static InvalidRelocationException unexpected(String form, long got, RelocationValues v) {
        return new InvalidRelocationException("unexpected " + form + " value: got " + got + ", expected " + v.localValue()
                + " (to become " + v.targetValue() + ")");
    }

    private static int widthBytes(int opcode) {
        switch (Opcodes.size(opcode)) {
            case Opcodes.BPF_DW: return 8;
            case Opcodes.BPF_W: return 4;
            case Opcodes.BPF_H: return 2;
            case Opcodes.BPF_B: return 1;
            default: return -1;
        }
    }

    private static int sizeCode(int bytes) {
        switch (bytes) {
            case 8: return Opcodes.BPF_DW;
            case 4: return Opcodes.BPF_W;
            case 2: return Opcodes.BPF_H;
            case 1: return Opcodes.BPF_B;
            default: return -1;
        }
    }
}
