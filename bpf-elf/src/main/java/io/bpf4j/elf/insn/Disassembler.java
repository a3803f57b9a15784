package io.bpf4j.elf.insn;

import static io.bpf4j.elf.insn.Opcodes.*;

import java.util.List;

/**
 * Renders instructions in the C-like assembler syntax that LLVM prints ({@code llvm-objdump -d}):
 * {@code r1 = 0x2a}, {@code if r1 == 0x0 goto +0x3}, {@code *(u32 *)(r10 - 0x4) = r1}. Meant
 * for messages and debugging, so it favours readability over exact round trips.
 */
public final class Disassembler {
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
        int cls = insn.instructionClass();
        switch (cls) {
            case BPF_ALU:
            case BPF_ALU64:
                return alu(insn, cls == BPF_ALU64 ? "r" : "w");
            case BPF_JMP:
            case BPF_JMP32:
                return jump(insn, cls == BPF_JMP ? "r" : "w");
            case BPF_LDX:
                return "r" + insn.dst() + " = " + (mode(insn.opcode()) == BPF_MEMSX ? "*(s" : "*(u")
                        + sizeBits(insn.opcode()) + " *)" + address(insn.src(), insn.offset());
            case BPF_ST:
                return "*(u" + sizeBits(insn.opcode()) + " *)" + address(insn.dst(), insn.offset()) + " = "
                        + hex(insn.imm());
            case BPF_STX:
                return mode(insn.opcode()) == BPF_ATOMIC ? atomic(insn)
                        : "*(u" + sizeBits(insn.opcode()) + " *)" + address(insn.dst(), insn.offset())
                                + " = r" + insn.src();
            default:
                return ld(insn);
        }
    }

    private static String ld(Instruction insn) {
        if (insn.isLdImm64()) {
            String value = "0x" + Long.toHexString(insn.constant64()) + " ll";
            switch (insn.src()) {
                case BPF_PSEUDO_MAP_FD:
                    return "r" + insn.dst() + " = map[fd:" + insn.imm() + "] ll";
                case BPF_PSEUDO_MAP_VALUE:
                    return "r" + insn.dst() + " = map[fd:" + insn.imm() + "] + " + insn.nextImm() + " ll";
                case BPF_PSEUDO_BTF_ID:
                    return "r" + insn.dst() + " = btf_id[" + insn.imm() + "] ll";
                case BPF_PSEUDO_FUNC:
                    return "r" + insn.dst() + " = func[" + signedHex(insn.imm()) + "] ll";
                case BPF_PSEUDO_MAP_IDX:
                    return "r" + insn.dst() + " = map[idx:" + insn.imm() + "] ll";
                case BPF_PSEUDO_MAP_IDX_VALUE:
                    return "r" + insn.dst() + " = map[idx:" + insn.imm() + "] + " + insn.nextImm() + " ll";
                default:
                    return "r" + insn.dst() + " = " + value;
            }
        }
        int mode = mode(insn.opcode());
        if (mode == BPF_ABS) {
            return "r0 = *(u" + sizeBits(insn.opcode()) + " *)skb[" + insn.imm() + "]";
        }
        if (mode == BPF_IND) {
            return "r0 = *(u" + sizeBits(insn.opcode()) + " *)skb[r" + insn.src() + " + " + insn.imm() + "]";
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
        String bits = String.valueOf(sizeBits(insn.opcode()));
        String mem = "*(u" + bits + " *)" + address(insn.dst(), insn.offset());
        String reg = (bits.equals("64") ? "r" : "w") + insn.src();
        int kind = insn.imm();
        String inner = "r" + insn.dst() + (insn.offset() < 0 ? " - " + hex(-insn.offset()) : " + " + hex(insn.offset()));
        switch (kind) {
            case BPF_XCHG: return reg + " = xchg_" + bits + "(" + inner + ", " + reg + ")";
            case BPF_CMPXCHG: return (bits.equals("64") ? "r0" : "w0") + " = cmpxchg_" + bits + "(" + inner + ", "
                    + (bits.equals("64") ? "r0" : "w0") + ", " + reg + ")";
            case BPF_LOAD_ACQ: // the one atomic that loads: dst = *(src + off)
                return (bits.equals("64") ? "r" : "w") + insn.dst() + " = load_acquire((u" + bits + " *)"
                        + address(insn.src(), insn.offset()) + ")";
            case BPF_STORE_REL: return "store_release(" + mem + ", " + reg + ")";
            default: break;
        }
        String op;
        switch (kind & ~BPF_FETCH) {
            case BPF_ADD: op = "+="; break;
            case BPF_AND: op = "&="; break;
            case BPF_OR: op = "|="; break;
            case BPF_XOR: op = "^="; break;
            default: return unknown(insn);
        }
        return (kind & BPF_FETCH) != 0
                ? reg + " = atomic_fetch_" + op + "(" + mem + ", " + reg + ")"
                : "lock " + mem + " " + op + " " + reg;
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

    private static String unknown(Instruction insn) {
        return String.format(".insn 0x%02x dst=r%d src=r%d off=%d imm=%d", insn.opcode(), insn.dst(), insn.src(),
                insn.offset(), insn.imm());
    }
}
