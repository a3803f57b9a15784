package io.bpf4j.elf.object;

import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the legacy {@code maps} section: one fixed-size definition per symbol, five or nine
 * {@code __u32} in the file's byte order. The definition size is the symbol's size, or, when
 * clang left sizes out, the section size divided by the number of maps (libbpf's old
 * {@code bpf_object__init_user_maps} did the same).
 */
final class LegacyMapReader {
    static final String SECTION = "maps";

    private final ElfFile elf;
    private final String origin;

    LegacyMapReader(ElfFile elf) {
        this.elf = elf;
        this.origin = elf.origin();
    }

    List<LegacyMapSpec> read(ElfSection section) {
        if (section.isNoBits()) {
            throw new ElfFormatException(origin, SECTION, 0, "legacy maps section has no contents (SHT_NOBITS)");
        }
        List<ElfSymbol> defs = new ArrayList<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.sectionIndex() == section.index() && !s.isSection() && !s.name().isEmpty()) {
                defs.add(s);
            }
        }
        if (defs.isEmpty()) {
            if (section.size() == 0) {
                return List.of();
            }
            throw new ElfFormatException(origin, SECTION, 0, "legacy maps section of " + section.size()
                    + " bytes has no map symbols");
        }
        defs.sort(Comparator.comparingLong(ElfSymbol::value).thenComparing(ElfSymbol::name));
        ByteBuffer data = elf.data(section);
        long sectionSize = data.remaining();
        List<LegacyMapSpec> maps = new ArrayList<>(defs.size());
        for (ElfSymbol s : defs) {
            long size = s.size();
            if (size == 0) {
                if (sectionSize % defs.size() != 0) {
                    throw new ElfFormatException(origin, SECTION, s.value(), "map '" + s.name()
                            + "' has no size and the section's " + sectionSize + " bytes do not divide among "
                            + defs.size() + " maps");
                }
                size = sectionSize / defs.size();
            }
            if (size < LegacyMapSpec.BPF_MAP_DEF_SIZE) {
                throw new ElfFormatException(origin, SECTION, s.value(), "map '" + s.name() + "' definition of "
                        + size + " bytes is shorter than struct bpf_map_def (" + LegacyMapSpec.BPF_MAP_DEF_SIZE + ")");
            }
            if (s.value() < 0 || s.value() > sectionSize - size) {
                throw new ElfFormatException(origin, SECTION, s.value(), "map '" + s.name() + "' definition of "
                        + size + " bytes does not fit the " + sectionSize + "-byte section");
            }
            int at = data.position() + (int) s.value();
            Optional<LegacyMapSpec.Iproute2> iproute2 = Optional.empty();
            if (size >= LegacyMapSpec.BPF_ELF_MAP_SIZE) {
                iproute2 = Optional.of(new LegacyMapSpec.Iproute2(data.getInt(at + 20), data.getInt(at + 24),
                        data.getInt(at + 28), data.getInt(at + 32)));
            }
            maps.add(new LegacyMapSpec(s.name(), (int) s.value(), (int) size, data.getInt(at), data.getInt(at + 4),
                    data.getInt(at + 8), data.getInt(at + 12), data.getInt(at + 16), iproute2));
        }
        return maps;
    }
}
