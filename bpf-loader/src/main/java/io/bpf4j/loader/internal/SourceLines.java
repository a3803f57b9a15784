package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import java.util.List;
import java.util.Optional;

/**
 * Where a program's instructions came from in its C source, from the {@code line_info}
 * records of {@code .BTF.ext}. The record in force at an instruction is the last one at or
 * before it (the verifier's rule for its {@code ; source @ file:line} log lines), with one
 * exception: clang materialises CO-RE constants ({@code r1 = 8} for a field offset) without a
 * source location, often hoisted into the previous statement's lines, so for a constant load
 * without a record of its own the statement that uses it, the next record, is named.
 */
public final class SourceLines {
    private final List<LineInfo> lines;
    private final Btf btf;
    private final List<Instruction> instructions;

    /**
     * @param lines        the program's records, {@code insnOffset} in slots, sorted by it
     * @param btf          the object's BTF, whose string section holds file names and line texts
     * @param instructions the program as compiled (before CO-RE), to tell constant loads apart
     */
    public SourceLines(List<LineInfo> lines, Btf btf, List<Instruction> instructions) {
        this.lines = List.copyOf(lines);
        this.btf = btf;
        this.instructions = List.copyOf(instructions);
    }

    /** {@return a table with no records: every lookup is empty} */
    public static SourceLines none() {
        return new SourceLines(List.of(), null, List.of());
    }

    /**
     * Finds the source line of an instruction.
     *
     * @param slot the instruction's position in 8-byte slots
     * @return {@code "file.bpf.c:21: return t->field;"} (the file's base name, the line text
     *     stripped), or empty when no record covers the instruction
     */
    public Optional<String> at(int slot) {
        LineInfo found = null;
        for (LineInfo l : lines) {
            if (l.insnOffset() > slot) {
                if (found != null && found.insnOffset() != slot && isConstantLoad(slot)) {
                    found = l;
                }
                break;
            }
            found = l;
        }
        if (found == null || btf == null) {
            return Optional.empty();
        }
        String file = found.fileName(btf);
        String base = file.substring(file.lastIndexOf('/') + 1);
        return Optional.of(base + ":" + found.line() + ": " + found.lineText(btf).strip());
    }

    /** {@code rX = imm}, {@code rX += imm} or an ld_imm64 of a plain constant. */
    private boolean isConstantLoad(int slot) {
        int s = 0;
        for (Instruction insn : instructions) {
            if (s == slot) {
                if (insn.isLdImm64()) {
                    return insn.src() == 0;
                }
                int op = insn.opcode() & 0xf0;
                boolean alu = insn.instructionClass() == Opcodes.BPF_ALU64 || insn.instructionClass() == Opcodes.BPF_ALU;
                return alu && (insn.opcode() & 0x08) == Opcodes.BPF_K && (op == Opcodes.BPF_MOV || op == Opcodes.BPF_ADD);
            }
            s += insn.slots();
        }
        return false;
    }
}
