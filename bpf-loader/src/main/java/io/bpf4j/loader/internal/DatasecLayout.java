package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in what clang leaves out of an object's BTF: every DATASEC is
 * emitted with size 0 and its variables at offset 0, because the compiler
 * does not know the final section layout. The kernel rejects that (a DATASEC
 * must have a size, and its variables must not overlap), so, as libbpf does
 * before loading BTF, the sizes come from the ELF section headers and the
 * offsets from the ELF symbols of the same names.
 */
public final class DatasecLayout {
    private DatasecLayout() {
    }

    /**
     * @param btf the object's BTF
     * @param elf the object's ELF file
     * @return the BTF with every DATASEC laid out, or {@code btf} when nothing changed
     */
    public static Btf apply(Btf btf, ElfFile elf) {
        Btf.Editor editor = btf.editor();
        boolean changed = false;
        Map<Integer, Map<String, Long>> offsetsBySection = symbolOffsetsBySection(elf);
        for (int id = btf.firstTypeId(); id < btf.typeCount(); id++) {
            if (btf.kind(id) != BtfKind.DATASEC) {
                continue;
            }
            BtfType.Datasec sec = (BtfType.Datasec) btf.type(id);
            Optional<ElfSection> section = elf.section(sec.name());
            if (section.isEmpty()) {
                continue; // externs (.kconfig, .ksyms) have no section: resolved elsewhere
            }
            Map<String, Long> offsets = offsetsBySection.getOrDefault(section.get().index(), Map.of());
            if (sec.size() == 0) {
                editor.setDatasecSize(id, (int) section.get().size());
                changed = true;
            }
            List<BtfType.VarSecInfo> vars = sec.vars();
            for (int i = 0; i < vars.size(); i++) {
                String varName = btf.name(vars.get(i).type());
                Long offset = offsets.get(varName);
                if (offset != null && offset != vars.get(i).offset()) {
                    editor.setVarOffset(id, i, offset.intValue());
                    changed = true;
                }
            }
        }
        return changed ? editor.build() : btf;
    }

    /** One pass over the symbol table: each section's named symbols and their offsets. */
    private static Map<Integer, Map<String, Long>> symbolOffsetsBySection(ElfFile elf) {
        Map<Integer, Map<String, Long>> bySection = new HashMap<>();
        for (ElfSymbol s : elf.symbols()) {
            if (!s.name().isEmpty() && !s.isSection()) {
                bySection.computeIfAbsent(s.sectionIndex(), i -> new HashMap<>()).put(s.name(), s.value());
            }
        }
        return bySection;
    }
}
