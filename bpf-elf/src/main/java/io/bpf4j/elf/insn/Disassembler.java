package io.bpf4j.elf.insn;

import static io.bpf4j.elf.insn.Opcodes.*;

import java.util.List;

/**
 * Renders instructions in the C-like assembler syntax that LLVM prints
 * ({@code llvm-objdump -d --mcpu=v4}, the decoder that knows every instruction):
 * {@code r1 = 0x2a}, {@code if r1 == 0x0 goto +0x3}, {@code *(u32 *)(r10 - 0x4) = w1},
 * {@code w2 = atomic_fetch_add((u32 *)(r3 + 0x0), w2)}. The output equals llvm-objdump-19's for
 * every instruction (bpf-elf's tests diff the two on every object the build compiles), except
 * that llvm-objdump appends the jump target's symbol ({@code <LBB0_3>}). As in LLVM, an
 * {@code ld_imm64} with a pseudo source prints as {@code ld_pseudo r1, <src>, <imm>}, and
 * bytes that decode to no instruction print as {@code <unknown>}.
 */
public final class Disassembler {
    /** The highest register LLVM's BPF target decodes (r11, which the kernel uses internally). */
    private static final int MAX_REGISTER = 11;

    private Disassembler() {
    }

    /**
     * {@return a listing, one instruction per line, each prefixed by its slot number}
     *
     * @param instructions the instructions
     */
    public static String format(List<Instruction> instructions) {
        StringBuilder sb = new StringBuilder();
        int slot = 0;
        for (Instruction insn : instructions) {
            sb.append(String.format("%5d: %s%n", slot, format(insn)));
            slot += insn.slots();
        }
        return sb.toString();
    }

    /**
     * {@return one instruction in assembler syntax}
     *
     * @param insn the instruction
     */
    public static String format(Instruction insn) {
        if (insn.dst() > MAX_REGISTER || insn.src() > MAX_REGISTER && !insn.isLdImm64() && !insn.isCall()) {
            return unknown(insn); // LLVM's BPF target has registers r0-r11 only
        }
        int cls = insn.instructionClass();
        switch (cls) {
            case BPF_ALU:
            case BPF_ALU64:
                return alu(insn, cls == BPF_ALU64 ? "r" : "w");
            case BPF_JMP:
            case BPF_JMP32:
                return jump(insn, cls == BPF_JMP ? "r" : "w");
            case BPF_LDX:
                if (mode(insn.opcode()) != BPF_MEM && mode(insn.opcode()) != BPF_MEMSX) {
                    return unknown(insn);
                }
                // Zero-extending loads narrower than 64 bits write the 32-bit subregister (LLVM's alu32 syntax).
                return (mode(insn.opcode()) == BPF_MEM && size(insn.opcode()) != BPF_DW ? "w" : "r") + insn.dst()
                        + " = " + (mode(insn.opcode()) == BPF_MEMSX ? "*(s" : "*(u")
                        + sizeBits(insn.opcode()) + " *)" + address(insn.src(), insn.offset());
            case BPF_ST:
                if (mode(insn.opcode()) != BPF_MEM) {
                    return unknown(insn);
                }
                return "*(u" + sizeBits(insn.opcode()) + " *)" + address(insn.dst(), insn.offset()) + " = "
                        + hex(insn.imm());
            case BPF_STX:
                if (mode(insn.opcode()) == BPF_ATOMIC) {
                    return atomic(insn);
                }
                if (mode(insn.opcode()) != BPF_MEM) {
                    return unknown(insn);
                }
                return "*(u" + sizeBits(insn.opcode()) + " *)" + address(insn.dst(), insn.offset())
                        + (size(insn.opcode()) == BPF_DW ? " = r" : " = w") + insn.src();
            default:
                return ld(insn);
        }
    }

    private static String ld(Instruction insn) {
        if (insn.isLdImm64()) {
            if (insn.src() != 0) {
                // LLVM prints every ld_imm64 with a pseudo source (map fd, map value, BTF id, function ...) this way.
                return "ld_pseudo\tr" + insn.dst() + ", " + hex(insn.src()) + ", " + hex(insn.constant64());
            }
            return "r" + insn.dst() + " = " + hex(insn.constant64()) + " ll";
        }
        int mode = mode(insn.opcode());
        if (mode == BPF_ABS && size(insn.opcode()) != BPF_DW) {
            return "r0 = *(u" + sizeBits(insn.opcode()) + " *)skb[" + hex(insn.imm()) + "]";
        }
        if (mode == BPF_IND && size(insn.opcode()) != BPF_DW) {
            // LLVM's syntax shows only the register; the kernel adds imm, which clang always leaves 0.
            return "r0 = *(u" + sizeBits(insn.opcode()) + " *)skb[r" + insn.src() + "]";
        }
        return unknown(insn);
    }

    private static String alu(Instruction insn, String r) {
        int op = operation(insn.opcode());
        String dst = r + insn.dst();
        String operand = source(insn.opcode()) == BPF_X ? r + insn.src() : hex(insn.imm());
        boolean signed = insn.offset() == 1;
        switch (op) {
            case BPF_ADD: return dst + " += " + operand;
            case BPF_SUB: return dst + " -= " + operand;
            case BPF_MUL: return dst + " *= " + operand;
            case BPF_DIV: return dst + (signed ? " s/= " : " /= ") + operand;
            case BPF_OR: return dst + " |= " + operand;
            case BPF_AND: return dst + " &= " + operand;
            case BPF_LSH: return dst + " <<= " + operand;
            case BPF_RSH: return dst + " >>= " + operand;
            case BPF_NEG: return dst + " = -" + dst;
            case BPF_MOD: return dst + (signed ? " s%= " : " %= ") + operand;
            case BPF_XOR: return dst + " ^= " + operand;
            case BPF_MOV:
                if (insn.offset() == 1 && r.equals("r") && source(insn.opcode()) == BPF_X) {
                    // BPF_ADDR_SPACE_CAST (kernel 6.9): imm = dst address space << 16 | src address space.
                    return dst + " = addr_space_cast(r" + insn.src() + ", " + hex(insn.imm() >>> 16) + ", "
                            + hex(insn.imm() & 0xffff) + ")";
                }
                if (insn.offset() == 8 || insn.offset() == 16 || insn.offset() == 32) {
                    return dst + " = (s" + insn.offset() + ")" + r + insn.src();
                }
                return dst + " = " + operand;
            case BPF_ARSH: return dst + " s>>= " + operand;
            case BPF_END:
                if (insn.instructionClass() == BPF_ALU64) {
                    return "r" + insn.dst() + " = bswap" + insn.imm() + " r" + insn.dst();
                }
                return "r" + insn.dst() + " = " + (source(insn.opcode()) == BPF_TO_BE ? "be" : "le") + insn.imm()
                        + " r" + insn.dst();
            default: return unknown(insn);
        }
    }

    private static String jump(Instruction insn, String r) {
        int op = operation(insn.opcode());
        switch (op) {
            case BPF_CALL:
                if (insn.src() == BPF_PSEUDO_CALL) {
                    return "call " + hex(insn.imm()); // relative slot offset, printed as LLVM does
                }
                if (insn.src() == BPF_PSEUDO_KFUNC_CALL) {
                    return "call kfunc[" + insn.imm() + "]";
                }
                return "call " + hex(insn.imm());
            case BPF_EXIT:
                return "exit";
            case BPF_JA:
                return insn.instructionClass() == BPF_JMP32 ? "gotol " + signedHex(insn.imm())
                        : "goto " + signedHex(insn.offset());
            case BPF_JCOND:
                return "may_goto " + signedHex(insn.offset());
            default:
                break;
        }
        String cmp;
        switch (op) {
            case BPF_JEQ: cmp = "=="; break;
            case BPF_JGT: cmp = ">"; break;
            case BPF_JGE: cmp = ">="; break;
            case BPF_JSET: cmp = "&"; break;
            case BPF_JNE: cmp = "!="; break;
            case BPF_JSGT: cmp = "s>"; break;
            case BPF_JSGE: cmp = "s>="; break;
            case BPF_JLT: cmp = "<"; break;
            case BPF_JLE: cmp = "<="; break;
            case BPF_JSLT: cmp = "s<"; break;
            case BPF_JSLE: cmp = "s<="; break;
            default: return unknown(insn);
        }
        String operand = source(insn.opcode()) == BPF_X ? r + insn.src() : hex(insn.imm());
        return "if " + r + insn.dst() + " " + cmp + " " + operand + " goto " + signedHex(insn.offset());
    }

    private static String atomic(Instruction insn) {
        int size = size(insn.opcode());
        if (size != BPF_W && size != BPF_DW) {
            return unknown(insn);
        }
        boolean wide = size == BPF_DW;
        String bits = wide ? "64" : "32";
        String reg = (wide ? "r" : "w") + insn.src();
        String inner = "r" + insn.dst() + (insn.offset() < 0 ? " - " + hex(-insn.offset()) : " + " + hex(insn.offset()));
        int kind = insn.imm();
        switch (kind) {
            // LLVM names the 32-bit forms xchg32_32 and cmpxchg32_32.
            case BPF_XCHG: return reg + " = xchg" + (wide ? "" : "32") + "_" + bits + "(" + inner + ", " + reg + ")";
            case BPF_CMPXCHG: return (wide ? "r0" : "w0") + " = cmpxchg" + (wide ? "" : "32") + "_" + bits + "("
                    + inner + ", " + (wide ? "r0" : "w0") + ", " + reg + ")";
            case BPF_LOAD_ACQ: // the one atomic that loads: dst = *(src + off)
                return (wide ? "r" : "w") + insn.dst() + " = load_acquire((u" + bits + " *)"
                        + address(insn.src(), insn.offset()) + ")";
            case BPF_STORE_REL: return "store_release((u" + bits + " *)" + address(insn.dst(), insn.offset()) + ", "
                    + reg + ")";
            default: break;
        }
        String op;
        String name;
        switch (kind & ~BPF_FETCH) {
            case BPF_ADD: op = "+="; name = "add"; break;
            case BPF_AND: op = "&="; name = "and"; break;
            case BPF_OR: op = "|="; name = "or"; break;
            case BPF_XOR: op = "^="; name = "xor"; break;
            default: return unknown(insn);
        }
        return (kind & BPF_FETCH) != 0
                ? reg + " = atomic_fetch_" + name + "((u" + bits + " *)" + address(insn.dst(), insn.offset()) + ", " + reg + ")"
                : "lock *(u" + bits + " *)" + address(insn.dst(), insn.offset()) + " " + op + " " + reg;
    }

    private static int sizeBits(int opcode) {
        switch (size(opcode)) {
            case BPF_B: return 8;
            case BPF_H: return 16;
            case BPF_W: return 32;
            default: return 64;
        }
    }

    private static String address(int reg, int offset) {
        return "(r" + reg + (offset < 0 ? " - " + hex(-offset) : " + " + hex(offset)) + ")";
    }

    private static String hex(long value) {
        return value < 0 ? "-0x" + Long.toHexString(-value) : "0x" + Long.toHexString(value);
    }

    private static String signedHex(long value) {
        return value < 0 ? hex(value) : "+" + hex(value);
    }

    /** What llvm-objdump prints for bytes it cannot decode. */
    private static String unknown(Instruction insn) {
        return "<unknown>";
    }
}
