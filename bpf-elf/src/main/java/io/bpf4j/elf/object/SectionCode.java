package io.bpf4j.elf.object;

import io.bpf4j.elf.ElfConstants;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfRelocation;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded instructions of one executable section, with its functions (from the
 * {@code STT_FUNC} symbols) and its relocations indexed by slot. Checked once here so that the
 * linker can trust slot numbers.
 */
final class SectionCode {
    /** A function symbol's extent within the section, in slots. */
    record Function(String name, int startSlot, int endSlot, ElfSymbol symbol) {
        int slotCount() {
            return endSlot - startSlot;
        }
    }

    final ElfSection section;
    final List<Instruction> instructions;
    private final int[] slotOfIndex;
    private final int[] indexOfSlot;
    private final Map<Integer, ElfRelocation> relocationsBySlot = new HashMap<>();
    final List<Function> functions;
    private final Map<Integer, Function> functionsByStart = new HashMap<>();

    SectionCode(ElfFile elf, ElfSection section, List<ElfSymbol> symbols) {
        this.section = section;
        String origin = elf.origin();
        ByteBuffer data = elf.data(section);
        int length = data.remaining();
        if (length % 8 != 0) {
            throw new ElfFormatException(origin, section.name(), length - (length % 8),
                    "code section size " + length + " is not a multiple of 8");
        }
        int slots = length / 8;
        // Find ld_imm64 halves first so that a bad one is reported with its offset.
        for (int p = 0; p < length; p += 8) {
            if ((data.get(data.position() + p) & 0xff) == Instruction.LD_IMM64) {
                if (p + 16 > length) {
                    throw new ElfFormatException(origin, section.name(), p, "ld_imm64 lacks its second slot");
                }
                int s = data.position() + p + 8;
                if (data.get(s) != 0 || data.get(s + 1) != 0 || data.getShort(s + 2) != 0) {
                    throw new ElfFormatException(origin, section.name(), p + 8,
                            "second slot of ld_imm64 has a non-zero opcode, register or offset");
                }
                p += 8;
            }
        }
        this.instructions = Instructions.decode(data);
        this.slotOfIndex = new int[instructions.size()];
        this.indexOfSlot = new int[slots];
        Arrays.fill(indexOfSlot, -1);
        int slot = 0;
        for (int i = 0; i < instructions.size(); i++) {
            slotOfIndex[i] = slot;
            indexOfSlot[slot] = i;
            slot += instructions.get(i).slots();
        }
        indexRelocations(elf, origin);
        this.functions = findFunctions(origin, symbols, slots);
        for (Function f : functions) {
            functionsByStart.putIfAbsent(f.startSlot(), f);
        }
    }

    private void indexRelocations(ElfFile elf, String origin) {
        for (ElfRelocation r : elf.relocationsFor(section)) {
            if (r.type() == ElfConstants.R_BPF_NONE) {
                continue;
            }
            long off = r.offset();
            if (off < 0 || off % 8 != 0 || off / 8 >= indexOfSlot.length || indexOfSlot[(int) (off / 8)] < 0) {
                throw new ElfFormatException(origin, section.name(), off,
                        "relocation does not point at the start of an instruction");
            }
            int slot = (int) (off / 8);
            Instruction insn = instructions.get(indexOfSlot[slot]);
            if (r.type() == ElfConstants.R_BPF_64_64) {
                if (!insn.isLdImm64()) {
                    throw new ElfFormatException(origin, section.name(), off,
                            "R_BPF_64_64 relocation on an instruction that is not ld_imm64: " + insn);
                }
            } else if (r.type() == ElfConstants.R_BPF_64_32) {
                if (!insn.isCall()) {
                    throw new ElfFormatException(origin, section.name(), off,
                            "R_BPF_64_32 relocation on an instruction that is not a call: " + insn);
                }
            } else {
                throw new ElfFormatException(origin, section.name(), off,
                        "unknown relocation type " + r.type() + " in a code section");
            }
            if (relocationsBySlot.putIfAbsent(slot, r) != null) {
                throw new ElfFormatException(origin, section.name(), off, "two relocations for one instruction");
            }
        }
    }

    private List<Function> findFunctions(String origin, List<ElfSymbol> symbols, int slots) {
        List<ElfSymbol> funcs = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (s.isFunction() && s.sectionIndex() == section.index()) {
                if (s.value() < 0 || s.value() % 8 != 0 || s.value() / 8 >= slots) {
                    throw new ElfFormatException(origin, section.name(), s.value(),
                            "function symbol '" + s.name() + "' does not start at an instruction of the section");
                }
                funcs.add(s);
            }
        }
        funcs.sort(Comparator.comparingLong(ElfSymbol::value));
        List<Function> result = new ArrayList<>(funcs.size());
        for (int i = 0; i < funcs.size(); i++) {
            ElfSymbol s = funcs.get(i);
            int start = (int) (s.value() / 8);
            if (indexOfSlot[start] < 0) {
                throw new ElfFormatException(origin, section.name(), s.value(),
                        "function symbol '" + s.name() + "' starts inside an ld_imm64");
            }
            long end;
            if (s.size() > 0) {
                if (s.size() % 8 != 0 || s.size() / 8 > slots - start) {
                    throw new ElfFormatException(origin, section.name(), s.value(),
                            "function '" + s.name() + "' of " + s.size() + " bytes does not fit the section");
                }
                end = start + s.size() / 8;
            } else {
                // No size: up to the next function that starts later, or the end of the section.
                end = slots;
                for (int j = i + 1; j < funcs.size(); j++) {
                    if (funcs.get(j).value() / 8 > start) {
                        end = funcs.get(j).value() / 8;
                        break;
                    }
                }
            }
            result.add(new Function(s.name(), start, (int) end, s));
        }
        return List.copyOf(result);
    }

    /** Slot of the instruction with this index within the section. */
    int slotOf(int index) {
        return slotOfIndex[index];
    }

    /** The relocation of the instruction starting at {@code slot}, or null. */
    ElfRelocation relocationAt(int slot) {
        return relocationsBySlot.get(slot);
    }

    /** The function that starts exactly at {@code slot}, or null. */
    Function functionStartingAt(int slot) {
        return functionsByStart.get(slot);
    }

    /** Index within {@link #instructions} of the instruction at {@code slot}, or -1. */
    int indexOfSlot(int slot) {
        return slot >= 0 && slot < indexOfSlot.length ? indexOfSlot[slot] : -1;
    }
}
