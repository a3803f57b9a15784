package io.bpf4j.elf.object;

import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import java.util.List;
import java.util.Objects;

/**
 * An entry program of a BPF object, already linked: the instructions of the entry function are
 * followed by every BPF function it calls, each once, and every BPF-to-BPF call
 * ({@code src = BPF_PSEUDO_CALL}) and callback address ({@code ld_imm64} with
 * {@code src = BPF_PSEUDO_FUNC}) carries the callee's offset relative to the next slot, as
 * libbpf produces before {@code BPF_PROG_LOAD}.
 *
 * <p>Units: {@link #mapReferences()} and {@link #externReferences()} give indexes into
 * {@link #instructions()}; {@link #funcInfos()} and {@link #lineInfos()} give {@code insnOffset}
 * in 8-byte slots of the linked program (what {@code bpf_func_info.insn_off} wants);
 * {@link #coreRelocations()} give {@code insnOffset} in bytes from the start of the linked
 * program (libbpf's internal unit; divide by 8 for the slot). Use {@link #slotOf(int)} and
 * {@link #indexOfSlot(int)} to move between list indexes and slots.
 *
 * @param name the entry function's name
 * @param sectionName the {@code SEC()} name without a leading {@code '?'}
 * @param autoLoad false if the section name started with {@code '?'} (loaded only on request)
 * @param instructions the linked instructions
 * @param functions the functions placed in the linked program, entry first
 * @param mapReferences the {@code ld_imm64} instructions referring to maps and data sections
 * @param externReferences the instructions using extern symbols
 * @param funcInfos {@code bpf_func_info} records, {@code insnOffset} in slots, sorted
 * @param lineInfos {@code bpf_line_info} records, {@code insnOffset} in slots, sorted
 * @param coreRelocations CO-RE relocation records, {@code insnOffset} in bytes, sorted
 */
public record ProgramSpec(String name, String sectionName, boolean autoLoad, List<Instruction> instructions,
        List<LinkedFunction> functions, List<MapReference> mapReferences, List<ExternReference> externReferences,
        List<FuncInfo> funcInfos, List<LineInfo> lineInfos, List<CoreRelocationRecord> coreRelocations) {

    /** Copies the lists. */
    public ProgramSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectionName, "sectionName");
        instructions = List.copyOf(instructions);
        functions = List.copyOf(functions);
        mapReferences = List.copyOf(mapReferences);
        externReferences = List.copyOf(externReferences);
        funcInfos = List.copyOf(funcInfos);
        lineInfos = List.copyOf(lineInfos);
        coreRelocations = List.copyOf(coreRelocations);
    }

    /**
     * {@return the section name parsed into its kind, target and libbpf definition (program type,
     * expected attach type, sleepable, auto-attach)}
     */
    public ProgramSection section() {
        return ProgramSection.parse(autoLoad ? sectionName : "?" + sectionName);
    }

    /** {@return the program's length in 8-byte slots (what {@code insn_cnt} of {@code BPF_PROG_LOAD} counts)} */
    public int slotCount() {
        return Instructions.slotCount(instructions);
    }

    /** {@return the linked instructions encoded little endian, ready for {@code BPF_PROG_LOAD}} */
    public byte[] instructionBytes() {
        return Instructions.encode(instructions);
    }

    /**
     * {@return the slot at which the instruction with this list index starts}
     *
     * @param instructionIndex an index into {@link #instructions()}
     * @throws IndexOutOfBoundsException if there is no such instruction
     */
    public int slotOf(int instructionIndex) {
        Objects.checkIndex(instructionIndex, instructions.size());
        int slot = 0;
        for (int i = 0; i < instructionIndex; i++) {
            slot += instructions.get(i).slots();
        }
        return slot;
    }

    /**
     * {@return the list index of the instruction starting at {@code slot}, or -1 if the slot is
     * the second half of an {@code ld_imm64} or past the end}
     *
     * @param slot a slot number
     */
    public int indexOfSlot(int slot) {
        int s = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (s == slot) {
                return i;
            }
            if (s > slot) {
                return -1;
            }
            s += instructions.get(i).slots();
        }
        return -1;
    }
}
