package io.bpf4j.elf.object;

import io.bpf4j.btf.BtfExt;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfRelocation;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links one entry program: copies the entry function, appends every BPF function it reaches
 * through calls and callback addresses (each once, in order of first use, as libbpf's
 * {@code bpf_object__reloc_code} does), patches the relative offsets, collects map, data and
 * extern references, and re-bases the {@code .BTF.ext} records onto the linked program.
 */
final class ProgramLinker {
    /** Looks up the things a relocation may point at; implemented by the object reader. */
    interface Context {
        ElfFile elf();

        SectionCode code(int sectionIndex);

        Set<String> mapNames();

        String mapAtOffset(int offset);

        boolean isDataSection(String name);

        String legacyMapAtOffset(int offset);

        boolean isStructOps(String name);

        String arenaSection();

        String arenaMap();

        ExternReference extern(int instructionIndex, ElfSymbol symbol, boolean call, ElfSection section, long offset);

        BtfExt btfExt();
    }

    /** A function copied into the linked program. */
    private record Piece(SectionCode code, SectionCode.Function function, int linkedSlot) {
    }

    private final Context ctx;
    private final String origin;
    private final List<Instruction> out = new ArrayList<>();
    private final List<SectionCode> fromCode = new ArrayList<>();
    private final List<Integer> fromIndex = new ArrayList<>();
    private final List<Integer> linkedSlots = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();
    private final Map<String, Integer> placed = new HashMap<>();
    private int nextSlot;

    ProgramLinker(Context ctx) {
        this.ctx = ctx;
        this.origin = ctx.elf().origin();
    }

    ProgramSpec link(SectionCode code, SectionCode.Function entry, String sectionName, boolean autoLoad) {
        place(code, entry);
        List<MapReference> maps = new ArrayList<>();
        List<ExternReference> externs = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Instruction insn = out.get(i);
            SectionCode src = fromCode.get(i);
            int sectionSlot = src.slotOf(fromIndex.get(i));
            long byteOffset = (long) sectionSlot * 8;
            ElfRelocation rel = src.relocationAt(sectionSlot);
            if (insn.isCall()) {
                SectionCode target;
                long targetSlot;
                if (rel != null) {
                    ElfSymbol sym = ctx.elf().symbolOf(rel);
                    if (sym.isUndefined()) {
                        externs.add(ctx.extern(i, sym, true, src.section, byteOffset));
                        continue;
                    }
                    target = codeOf(sym, src, byteOffset);
                    // Global callee: imm is -1 and the symbol gives the place; static callee:
                    // the relocation is against the section symbol and imm gives the place.
                    targetSlot = sym.value() / 8 + insn.imm() + 1L;
                } else if (insn.isPseudoCall()) {
                    target = src;
                    targetSlot = sectionSlot + insn.imm() + 1L;
                } else {
                    continue; // a helper call, or a kfunc call somebody already resolved
                }
                int start = placeTarget(target, targetSlot, src, byteOffset, "call");
                out.set(i, insn.withSrc(Opcodes.BPF_PSEUDO_CALL).withImm(start - linkedSlots.get(i) - 1));
            } else if (insn.isLdImm64() && rel != null) {
                ElfSymbol sym = ctx.elf().symbolOf(rel);
                if (sym.isUndefined()) {
                    externs.add(ctx.extern(i, sym, false, src.section, byteOffset));
                    continue;
                }
                ElfSection symSection = sectionOf(sym, src, byteOffset);
                long offset = sym.value() + insn.imm();
                if (symSection.isExecutable()) {
                    if (offset % 8 != 0) {
                        throw error(src, byteOffset, "callback address " + offset + " of '" + sym.name()
                                + "' is not at an instruction");
                    }
                    SectionCode target = codeOf(sym, src, byteOffset);
                    int start = placeTarget(target, offset / 8, src, byteOffset, "callback address");
                    out.set(i, insn.withSrc(Opcodes.BPF_PSEUDO_FUNC).withImm(start - linkedSlots.get(i) - 1)
                            .withNextImm(0));
                } else if (symSection.name().equals(".maps")) {
                    String map = sym.isSection() ? ctx.mapAtOffset(insn.imm()) : sym.name();
                    if (map == null || !ctx.mapNames().contains(map)) {
                        throw error(src, byteOffset, "ld_imm64 refers to '" + sym.name() + "' in .maps, which is "
                                + "not a BTF-defined map");
                    }
                    maps.add(new MapReference.ToMap(i, map));
                } else if (symSection.name().equals(LegacyMapReader.SECTION)) {
                    String map = sym.isSection() ? ctx.legacyMapAtOffset(insn.imm()) : sym.name();
                    if (map == null || !ctx.mapNames().contains(map)) {
                        throw error(src, byteOffset, "ld_imm64 refers to '" + sym.name() + "' in maps, which is "
                                + "not a legacy map definition");
                    }
                    maps.add(new MapReference.ToMap(i, map));
                } else if (StructOpsReader.SECTIONS.contains(symSection.name()) && ctx.isStructOps(sym.name())) {
                    maps.add(new MapReference.ToMap(i, sym.name()));
                } else if (symSection.name().equals(ctx.arenaSection())) {
                    if (offset < 0 || offset > symSection.size()) {
                        throw error(src, byteOffset, "reference to offset " + offset + " of '"
                                + symSection.name() + "' is outside the section");
                    }
                    maps.add(new MapReference.ToArena(i, ctx.arenaMap(), (int) offset));
                } else if (ctx.isDataSection(symSection.name())) {
                    if (offset < 0 || offset > symSection.size()) {
                        throw error(src, byteOffset, "reference to offset " + offset + " of '"
                                + symSection.name() + "' is outside the section");
                    }
                    maps.add(new MapReference.ToDataSection(i, symSection.name(), (int) offset));
                } else {
                    throw error(src, byteOffset, "ld_imm64 refers to '" + sym.name() + "' in section '"
                            + symSection.name() + "', which is neither a map nor a data section");
                }
            }
        }
        return new ProgramSpec(entry.name(), sectionName, autoLoad, out, functions(), maps, externs,
                funcInfos(), lineInfos(), coreRelocations());
    }

    private ElfSection sectionOf(ElfSymbol sym, SectionCode src, long byteOffset) {
        if (!sym.isInSection() || sym.sectionIndex() >= ctx.elf().sections().size()) {
            throw error(src, byteOffset, "relocation symbol '" + sym.name() + "' has section index "
                    + sym.sectionIndex() + ", which is not a section of the file");
        }
        return ctx.elf().section(sym.sectionIndex());
    }

    private SectionCode codeOf(ElfSymbol sym, SectionCode src, long byteOffset) {
        ElfSection section = sectionOf(sym, src, byteOffset);
        SectionCode code = ctx.code(section.index());
        if (code == null) {
            throw error(src, byteOffset, "call to '" + sym.name() + "' in section '" + section.name()
                    + "', which holds no code");
        }
        return code;
    }

    private int placeTarget(SectionCode target, long slot, SectionCode src, long byteOffset, String what) {
        SectionCode.Function f = slot >= 0 && slot <= Integer.MAX_VALUE ? target.functionStartingAt((int) slot) : null;
        if (f == null) {
            throw error(src, byteOffset, what + " to unknown function at byte offset " + slot * 8 + " of section '"
                    + target.section.name() + "'");
        }
        return place(target, f);
    }

    /** Appends a function unless it is already in the program; returns its linked start slot. */
    private int place(SectionCode code, SectionCode.Function f) {
        String key = code.section.index() + ":" + f.startSlot();
        Integer known = placed.get(key);
        if (known != null) {
            return known;
        }
        int start = nextSlot;
        placed.put(key, start);
        pieces.add(new Piece(code, f, start));
        for (int idx = code.indexOfSlot(f.startSlot()); idx >= 0 && idx < code.instructions.size()
                && code.slotOf(idx) < f.endSlot(); idx++) {
            Instruction insn = code.instructions.get(idx);
            out.add(insn);
            fromCode.add(code);
            fromIndex.add(idx);
            linkedSlots.add(nextSlot);
            nextSlot += insn.slots();
        }
        return start;
    }

    private List<LinkedFunction> functions() {
        List<LinkedFunction> list = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            list.add(new LinkedFunction(p.function().name(), p.code().section.name(), p.function().startSlot() * 8,
                    p.linkedSlot(), p.function().slotCount()));
        }
        return list;
    }

    /** The linked slot of a record at {@code byteOffset} of a section, or -1 if no placed piece covers it. */
    private int rebase(String sectionName, int byteOffset) {
        int slot = byteOffset / 8;
        for (Piece p : pieces) {
            if (p.code().section.name().equals(sectionName) && slot >= p.function().startSlot()
                    && slot < p.function().endSlot()) {
                return p.linkedSlot() + slot - p.function().startSlot();
            }
        }
        return -1;
    }

    private List<FuncInfo> funcInfos() {
        List<FuncInfo> list = new ArrayList<>();
        if (ctx.btfExt() == null) {
            return list;
        }
        ctx.btfExt().funcInfos().forEach((section, records) -> {
            for (FuncInfo r : records) {
                int slot = rebase(section, r.insnOffset());
                if (slot >= 0) {
                    list.add(new FuncInfo(slot, r.typeId()));
                }
            }
        });
        list.sort(Comparator.comparingInt(FuncInfo::insnOffset));
        return list;
    }

    private List<LineInfo> lineInfos() {
        List<LineInfo> list = new ArrayList<>();
        if (ctx.btfExt() == null) {
            return list;
        }
        ctx.btfExt().lineInfos().forEach((section, records) -> {
            for (LineInfo r : records) {
                int slot = rebase(section, r.insnOffset());
                if (slot >= 0) {
                    list.add(new LineInfo(slot, r.fileNameOffset(), r.lineOffset(), r.line(), r.column()));
                }
            }
        });
        list.sort(Comparator.comparingInt(LineInfo::insnOffset));
        return list;
    }

    private List<CoreRelocationRecord> coreRelocations() {
        List<CoreRelocationRecord> list = new ArrayList<>();
        if (ctx.btfExt() == null) {
            return list;
        }
        ctx.btfExt().coreRelocations().forEach((section, records) -> {
            for (CoreRelocationRecord r : records) {
                int slot = rebase(section, r.insnOffset());
                if (slot >= 0) {
                    list.add(new CoreRelocationRecord(slot * 8, r.typeId(), r.accessString(), r.kind()));
                }
            }
        });
        list.sort(Comparator.comparingInt(CoreRelocationRecord::insnOffset));
        return list;
    }

    private ElfFormatException error(SectionCode src, long byteOffset, String problem) {
        return new ElfFormatException(origin, src.section.name(), byteOffset, "instruction at byte offset "
                + byteOffset + " (slot " + byteOffset / 8 + "): " + problem);
    }
}
