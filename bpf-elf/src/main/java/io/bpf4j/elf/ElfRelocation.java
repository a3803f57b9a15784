package io.bpf4j.elf;

/**
 * One relocation entry, from an {@code SHT_REL} or an {@code SHT_RELA} section. The symbol is
 * found with {@link ElfFile#symbolOf(ElfRelocation)}.
 *
 * @param relocationSection index of the relocation section the entry was read from
 * @param offset {@code r_offset}: the byte offset of the patched place within the target
 *     section (relocatable files) or its virtual address (executables)
 * @param symbolIndex index into the symbol table linked from the relocation section
 * @param type the machine-specific relocation type ({@code ElfConstants.R_BPF_*} for BPF)
 * @param addend {@code r_addend} for RELA entries; 0 for REL entries, whose addend is
 *     stored in the patched place itself (for BPF: the instruction's immediate)
 * @param explicitAddend true for an {@code SHT_RELA} entry
 */
public record ElfRelocation(int relocationSection, long offset, int symbolIndex, int type, long addend,
        boolean explicitAddend) {
}
