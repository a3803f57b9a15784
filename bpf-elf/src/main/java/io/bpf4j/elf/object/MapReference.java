package io.bpf4j.elf.object;

import java.util.Objects;

/**
 * An {@code ld_imm64} instruction of a linked program that loads the address of a map or of a
 * global variable. The loader rewrites it once the maps exist, as libbpf does.
 */
public sealed interface MapReference permits MapReference.ToMap, MapReference.ToDataSection, MapReference.ToArena {

    /** {@return the index of the {@code ld_imm64} in {@link ProgramSpec#instructions()} (a list index, not a slot)} */
    int instructionIndex();

    /**
     * A reference to a BTF-defined map of {@code .maps}. The loader sets
     * {@code src = BPF_PSEUDO_MAP_FD} and {@code imm} = the map's fd (next imm 0).
     *
     * @param instructionIndex the index of the {@code ld_imm64} in {@link ProgramSpec#instructions()}
     * @param mapName the map's name, as in {@link MapSpec#name()}
     */
    record ToMap(int instructionIndex, String mapName) implements MapReference {
        /** Validates the name. */
        public ToMap {
            Objects.requireNonNull(mapName, "mapName");
        }
    }

    /**
     * A reference into a data section (a global variable, a static variable or a string
     * literal). The loader sets {@code src = BPF_PSEUDO_MAP_VALUE}, {@code imm} = the fd of the
     * section's array map and next imm = {@code offset}.
     *
     * @param instructionIndex the index of the {@code ld_imm64} in {@link ProgramSpec#instructions()}
     * @param sectionName the data section, as in {@link DataSectionSpec#name()}
     * @param offset the byte offset within the section (symbol value plus the addend clang put in imm)
     */
    record ToDataSection(int instructionIndex, String sectionName, int offset) implements MapReference {
        /** Validates the name. */
        public ToDataSection {
            Objects.requireNonNull(sectionName, "sectionName");
        }
    }

    /**
     * A reference to an arena global ({@code .addr_space.1}). libbpf sets
     * {@code src = BPF_PSEUDO_MAP_VALUE}, {@code imm} = the arena map's fd and next imm = the
     * offset of the globals inside the arena plus {@code offset}.
     *
     * @param instructionIndex the index of the {@code ld_imm64} in {@link ProgramSpec#instructions()}
     * @param mapName the arena map, as in {@link ArenaSpec#mapName()}
     * @param offset the byte offset within the arena globals
     */
    record ToArena(int instructionIndex, String mapName, int offset) implements MapReference {
        /** Validates the name. */
        public ToArena {
            Objects.requireNonNull(mapName, "mapName");
        }
    }
}
