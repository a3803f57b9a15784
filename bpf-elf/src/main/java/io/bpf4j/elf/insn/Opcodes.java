package io.bpf4j.elf.insn;

/**
 * The fields of a BPF instruction's opcode byte and the special register values, named as in
 * the kernel UAPI header {@code include/uapi/linux/bpf.h} and {@code bpf_common.h}, with the
 * instruction set of {@code Documentation/bpf/standardization/instruction-set.rst}.
 *
 * <p>An opcode is {@code class | ...}: for loads and stores {@code class | size | mode}, for
 * arithmetic and jumps {@code class | op | source}.
 */
public final class Opcodes {
    private Opcodes() {
    }

    // Instruction classes (low 3 bits), bpf_common.h.
    /** Class: non-standard loads ({@code ld_imm64}, legacy packet access). */
    public static final int BPF_LD = 0x00;
    /** Class: load into a register. */
    public static final int BPF_LDX = 0x01;
    /** Class: store an immediate. */
    public static final int BPF_ST = 0x02;
    /** Class: store a register (also atomics). */
    public static final int BPF_STX = 0x03;
    /** Class: 32-bit arithmetic. */
    public static final int BPF_ALU = 0x04;
    /** Class: 64-bit jumps, calls, exit. */
    public static final int BPF_JMP = 0x05;
    /** Class: 32-bit jumps (bpf.h, kernel 5.1). */
    public static final int BPF_JMP32 = 0x06;
    /** Class: 64-bit arithmetic (bpf.h). */
    public static final int BPF_ALU64 = 0x07;

    // Sizes (bits 3-4) of loads and stores.
    /** Size: 32-bit word. */
    public static final int BPF_W = 0x00;
    /** Size: 16-bit half word. */
    public static final int BPF_H = 0x08;
    /** Size: byte. */
    public static final int BPF_B = 0x10;
    /** Size: 64-bit double word (bpf.h). */
    public static final int BPF_DW = 0x18;

    // Modes (bits 5-7) of loads and stores.
    /** Mode: immediate ({@code ld_imm64} with {@code BPF_DW}). */
    public static final int BPF_IMM = 0x00;
    /** Mode: legacy packet access, absolute offset. */
    public static final int BPF_ABS = 0x20;
    /** Mode: legacy packet access, indirect offset. */
    public static final int BPF_IND = 0x40;
    /** Mode: regular memory access. */
    public static final int BPF_MEM = 0x60;
    /** Mode: sign-extending load (bpf.h, kernel 6.6, ISA v4). */
    public static final int BPF_MEMSX = 0x80;
    /** Mode: atomic operation, kind in {@code imm} (bpf.h, kernel 5.12). */
    public static final int BPF_ATOMIC = 0xc0;

    // Arithmetic operations (bits 4-7).
    /** ALU: add. */
    public static final int BPF_ADD = 0x00;
    /** ALU: subtract. */
    public static final int BPF_SUB = 0x10;
    /** ALU: multiply. */
    public static final int BPF_MUL = 0x20;
    /** ALU: divide ({@code offset == 1}: signed, ISA v4). */
    public static final int BPF_DIV = 0x30;
    /** ALU: bitwise or. */
    public static final int BPF_OR = 0x40;
    /** ALU: bitwise and. */
    public static final int BPF_AND = 0x50;
    /** ALU: shift left. */
    public static final int BPF_LSH = 0x60;
    /** ALU: logical shift right. */
    public static final int BPF_RSH = 0x70;
    /** ALU: negate. */
    public static final int BPF_NEG = 0x80;
    /** ALU: modulo ({@code offset == 1}: signed, ISA v4). */
    public static final int BPF_MOD = 0x90;
    /** ALU: exclusive or. */
    public static final int BPF_XOR = 0xa0;
    /** ALU: move ({@code offset} 8/16/32: sign-extending, ISA v4). */
    public static final int BPF_MOV = 0xb0;
    /** ALU: arithmetic shift right. */
    public static final int BPF_ARSH = 0xc0;
    /** ALU: byte swap; width in {@code imm} (16, 32, 64). */
    public static final int BPF_END = 0xd0;

    // Source operand (bit 3).
    /** Source: the 32-bit immediate. */
    public static final int BPF_K = 0x00;
    /** Source: the {@code src} register. */
    public static final int BPF_X = 0x08;
    /** Byte swap to little endian (class ALU; with ALU64: unconditional swap, ISA v4). */
    public static final int BPF_TO_LE = 0x00;
    /** Byte swap to big endian. */
    public static final int BPF_TO_BE = 0x08;
    /** Alias of {@link #BPF_TO_LE}. */
    public static final int BPF_FROM_LE = BPF_TO_LE;
    /** Alias of {@link #BPF_TO_BE}. */
    public static final int BPF_FROM_BE = BPF_TO_BE;

    // Jump operations (bits 4-7).
    /** Jump: always ({@code BPF_JMP32 | BPF_JA}: {@code gotol} with a 32-bit offset in imm, ISA v4). */
    public static final int BPF_JA = 0x00;
    /** Jump if equal. */
    public static final int BPF_JEQ = 0x10;
    /** Jump if greater (unsigned). */
    public static final int BPF_JGT = 0x20;
    /** Jump if greater or equal (unsigned). */
    public static final int BPF_JGE = 0x30;
    /** Jump if {@code dst & src} is not zero. */
    public static final int BPF_JSET = 0x40;
    /** Jump if not equal. */
    public static final int BPF_JNE = 0x50;
    /** Jump if greater (signed). */
    public static final int BPF_JSGT = 0x60;
    /** Jump if greater or equal (signed). */
    public static final int BPF_JSGE = 0x70;
    /** Call a helper, a BPF function or a kfunc (see {@code src}). */
    public static final int BPF_CALL = 0x80;
    /** Return from the function. */
    public static final int BPF_EXIT = 0x90;
    /** Jump if less (unsigned). */
    public static final int BPF_JLT = 0xa0;
    /** Jump if less or equal (unsigned). */
    public static final int BPF_JLE = 0xb0;
    /** Jump if less (signed). */
    public static final int BPF_JSLT = 0xc0;
    /** Jump if less or equal (signed). */
    public static final int BPF_JSLE = 0xd0;
    /** Conditional pseudo jump ({@code may_goto}, bpf.h, kernel 6.9). */
    public static final int BPF_JCOND = 0xe0;

    // Atomic operations (imm of BPF_STX | BPF_ATOMIC).
    /** Atomic modifier: also return the old value in {@code src}. */
    public static final int BPF_FETCH = 0x01;
    /** Atomic exchange. */
    public static final int BPF_XCHG = 0xe0 | BPF_FETCH;
    /** Atomic compare and exchange (compares with r0). */
    public static final int BPF_CMPXCHG = 0xf0 | BPF_FETCH;
    /** Atomic load-acquire (bpf.h, kernel 6.15). */
    public static final int BPF_LOAD_ACQ = 0x100;
    /** Atomic store-release (bpf.h, kernel 6.15). */
    public static final int BPF_STORE_REL = 0x110;

    // Special src_reg values of ld_imm64 (bpf.h).
    /** {@code ld_imm64}: imm is a map fd. */
    public static final int BPF_PSEUDO_MAP_FD = 1;
    /** {@code ld_imm64}: imm is a map fd, next imm an offset into its value. */
    public static final int BPF_PSEUDO_MAP_VALUE = 2;
    /** {@code ld_imm64}: imm is a kernel BTF id of a variable (ksym). */
    public static final int BPF_PSEUDO_BTF_ID = 3;
    /** {@code ld_imm64}: imm is the relative offset of a BPF function (callbacks), kernel 5.13. */
    public static final int BPF_PSEUDO_FUNC = 4;
    /** {@code ld_imm64}: imm is an index into the fd array. */
    public static final int BPF_PSEUDO_MAP_IDX = 5;
    /** {@code ld_imm64}: imm is an index into the fd array, next imm an offset into its value. */
    public static final int BPF_PSEUDO_MAP_IDX_VALUE = 6;

    // Special src_reg values of BPF_CALL (bpf.h).
    /** Call: a BPF-to-BPF call; imm is the relative offset of the callee. */
    public static final int BPF_PSEUDO_CALL = 1;
    /** Call: a kernel function (kfunc); imm is its BTF id. */
    public static final int BPF_PSEUDO_KFUNC_CALL = 2;

    /** Size of one instruction slot in bytes ({@code sizeof(struct bpf_insn)}). */
    public static final int BPF_INSN_SIZE = 8;

    /**
     * {@return the class of an opcode ({@code BPF_CLASS})}
     *
     * @param opcode an opcode byte
     */
    public static int instructionClass(int opcode) {
        return opcode & 0x07;
    }

    /**
     * {@return the size field of a load or store opcode ({@code BPF_SIZE})}
     *
     * @param opcode an opcode byte
     */
    public static int size(int opcode) {
        return opcode & 0x18;
    }

    /**
     * {@return the mode field of a load or store opcode ({@code BPF_MODE})}
     *
     * @param opcode an opcode byte
     */
    public static int mode(int opcode) {
        return opcode & 0xe0;
    }

    /**
     * {@return the operation of an ALU or jump opcode ({@code BPF_OP})}
     *
     * @param opcode an opcode byte
     */
    public static int operation(int opcode) {
        return opcode & 0xf0;
    }

    /**
     * {@return the source field of an ALU or jump opcode ({@code BPF_SRC})}
     *
     * @param opcode an opcode byte
     */
    public static int source(int opcode) {
        return opcode & 0x08;
    }
}
