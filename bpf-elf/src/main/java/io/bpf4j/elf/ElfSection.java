package io.bpf4j.elf;

import java.util.Objects;

/**
 * One section header of an ELF file, with its name resolved. The bytes are read through
 * {@link ElfFile#data(ElfSection)}.
 *
 * @param index the section's index in the section header table
 * @param name the name from the section header string table (empty for the null section)
 * @param type {@code sh_type}, one of {@code ElfConstants.SHT_*}
 * @param flags {@code sh_flags}, {@code ElfConstants.SHF_*} bits
 * @param address {@code sh_addr}, the virtual address at run time (0 in relocatable files)
 * @param offset {@code sh_offset}, where the bytes start in the file
 * @param size {@code sh_size} in bytes (occupies no file space for {@code SHT_NOBITS})
 * @param link {@code sh_link} (for symbol tables: the string table; for relocations: the symbol table)
 * @param info {@code sh_info} (for relocations: the section they apply to)
 * @param addressAlign {@code sh_addralign}
 * @param entrySize {@code sh_entsize}, the size of one entry for tables, else 0
 */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size,
        int link, int info, long addressAlign, long entrySize) {

    /** Validates the name. */
    public ElfSection {
        Objects.requireNonNull(name, "name");
    }

    /** {@return true if the section holds machine instructions ({@code SHF_EXECINSTR})} */
    public boolean isExecutable() {
        return (flags & ElfConstants.SHF_EXECINSTR) != 0;
    }

    /** {@return true if the section is writable at run time ({@code SHF_WRITE})} */
    public boolean isWritable() {
        return (flags & ElfConstants.SHF_WRITE) != 0;
    }

    /** {@return true if the section occupies memory at run time ({@code SHF_ALLOC})} */
    public boolean isAllocated() {
        return (flags & ElfConstants.SHF_ALLOC) != 0;
    }

    /** {@return true if the section has no bytes in the file ({@code SHT_NOBITS}, such as .bss)} */
    public boolean isNoBits() {
        return type == ElfConstants.SHT_NOBITS;
    }

    /** {@return true if this is a relocation section ({@code SHT_REL} or {@code SHT_RELA})} */
    public boolean isRelocation() {
        return type == ElfConstants.SHT_REL || type == ElfConstants.SHT_RELA;
    }
}
