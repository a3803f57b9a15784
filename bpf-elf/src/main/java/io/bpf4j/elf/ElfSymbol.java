package io.bpf4j.elf;

import java.util.Objects;

/**
 * One entry of a symbol table ({@code .symtab} or {@code .dynsym}).
 *
 * @param index the entry's index in its table (relocations refer to symbols by this index)
 * @param name the name from the table's string table (empty for unnamed symbols)
 * @param value {@code st_value}: an offset within the section in relocatable files (BPF
 *     objects), a virtual address in executables and shared libraries
 * @param size {@code st_size} in bytes (0 when unknown)
 * @param bind the binding, one of {@code ElfConstants.STB_*}
 * @param type the type, one of {@code ElfConstants.STT_*}
 * @param visibility {@code st_other & 3}, one of {@code ElfConstants.STV_*}
 * @param sectionIndex {@code st_shndx}: the defining section, or a reserved index
 *     ({@code SHN_UNDEF} for externs, {@code SHN_ABS}, {@code SHN_COMMON} ...)
 * @param dynamic true if the symbol comes from the dynamic symbol table ({@code .dynsym})
 */
public record ElfSymbol(int index, String name, long value, long size, int bind, int type, int visibility,
        int sectionIndex, boolean dynamic) {

    /** Validates the name. */
    public ElfSymbol {
        Objects.requireNonNull(name, "name");
    }

    /** {@return true for a function ({@code STT_FUNC})} */
    public boolean isFunction() {
        return type == ElfConstants.STT_FUNC;
    }

    /** {@return true for a data object ({@code STT_OBJECT})} */
    public boolean isObject() {
        return type == ElfConstants.STT_OBJECT;
    }

    /** {@return true for a section symbol ({@code STT_SECTION}); relocations against it carry the offset elsewhere} */
    public boolean isSection() {
        return type == ElfConstants.STT_SECTION;
    }

    /** {@return true if the symbol is not defined in this file ({@code SHN_UNDEF}): an extern} */
    public boolean isUndefined() {
        return sectionIndex == ElfConstants.SHN_UNDEF;
    }

    /** {@return true for local binding ({@code STB_LOCAL}: C {@code static})} */
    public boolean isLocal() {
        return bind == ElfConstants.STB_LOCAL;
    }

    /** {@return true for global binding ({@code STB_GLOBAL})} */
    public boolean isGlobal() {
        return bind == ElfConstants.STB_GLOBAL;
    }

    /** {@return true for weak binding ({@code STB_WEAK})} */
    public boolean isWeak() {
        return bind == ElfConstants.STB_WEAK;
    }

    /** {@return true if the symbol is defined in a real section (not undefined, absolute or common)} */
    public boolean isInSection() {
        return sectionIndex != ElfConstants.SHN_UNDEF && sectionIndex < ElfConstants.SHN_LORESERVE;
    }
}
