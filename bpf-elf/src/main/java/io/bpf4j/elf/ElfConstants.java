package io.bpf4j.elf;

/**
 * Numeric constants of the ELF format used by this package, named as in {@code <elf.h>}
 * (glibc) and the System V gABI. BPF relocation types are those of LLVM's
 * {@code llvm/BinaryFormat/ELFRelocs/BPF.def}, also listed in the kernel's
 * {@code Documentation/bpf/llvm_reloc.rst}.
 */
public final class ElfConstants {
    private ElfConstants() {
    }

    /** {@code EI_CLASS} value for 64-bit objects. */
    public static final int ELFCLASS64 = 2;
    /** {@code EI_DATA}: two's complement, little endian. */
    public static final int ELFDATA2LSB = 1;
    /** {@code EI_DATA}: two's complement, big endian. */
    public static final int ELFDATA2MSB = 2;

    /** {@code e_type}: relocatable file (a BPF object). */
    public static final int ET_REL = 1;
    /** {@code e_type}: executable. */
    public static final int ET_EXEC = 2;
    /** {@code e_type}: shared object (also position-independent executables). */
    public static final int ET_DYN = 3;

    /** {@code e_machine}: AMD x86-64. */
    public static final int EM_X86_64 = 62;
    /** {@code e_machine}: ARM 64-bit. */
    public static final int EM_AARCH64 = 183;
    /** {@code e_machine}: Linux BPF. */
    public static final int EM_BPF = 247;

    /** Section type: inactive header. */
    public static final int SHT_NULL = 0;
    /** Section type: program-defined contents (code, data). */
    public static final int SHT_PROGBITS = 1;
    /** Section type: symbol table. */
    public static final int SHT_SYMTAB = 2;
    /** Section type: string table. */
    public static final int SHT_STRTAB = 3;
    /** Section type: relocations with explicit addends. */
    public static final int SHT_RELA = 4;
    /** Section type: symbol hash table. */
    public static final int SHT_HASH = 5;
    /** Section type: dynamic linking information. */
    public static final int SHT_DYNAMIC = 6;
    /** Section type: notes. */
    public static final int SHT_NOTE = 7;
    /** Section type: occupies no file space (.bss). */
    public static final int SHT_NOBITS = 8;
    /** Section type: relocations without explicit addends. */
    public static final int SHT_REL = 9;
    /** Section type: dynamic linker symbol table. */
    public static final int SHT_DYNSYM = 11;
    /** Section type: extended section indexes for a symbol table. */
    public static final int SHT_SYMTAB_SHNDX = 18;

    /** Section flag: writable. */
    public static final long SHF_WRITE = 0x1;
    /** Section flag: occupies memory at run time. */
    public static final long SHF_ALLOC = 0x2;
    /** Section flag: executable instructions. */
    public static final long SHF_EXECINSTR = 0x4;

    /** Section index: undefined (an extern symbol). */
    public static final int SHN_UNDEF = 0;
    /** Start of reserved section indexes. */
    public static final int SHN_LORESERVE = 0xff00;
    /** Section index: absolute value. */
    public static final int SHN_ABS = 0xfff1;
    /** Section index: common symbol. */
    public static final int SHN_COMMON = 0xfff2;
    /** Section index: the real index is elsewhere (extended numbering). */
    public static final int SHN_XINDEX = 0xffff;

    /** Symbol binding: local. */
    public static final int STB_LOCAL = 0;
    /** Symbol binding: global. */
    public static final int STB_GLOBAL = 1;
    /** Symbol binding: weak. */
    public static final int STB_WEAK = 2;

    /** Symbol type: unspecified. */
    public static final int STT_NOTYPE = 0;
    /** Symbol type: data object. */
    public static final int STT_OBJECT = 1;
    /** Symbol type: function. */
    public static final int STT_FUNC = 2;
    /** Symbol type: a section. */
    public static final int STT_SECTION = 3;
    /** Symbol type: source file name. */
    public static final int STT_FILE = 4;
    /** Symbol type: thread-local data. */
    public static final int STT_TLS = 6;
    /** Symbol type: GNU indirect function. */
    public static final int STT_GNU_IFUNC = 10;

    /** Symbol visibility: default. */
    public static final int STV_DEFAULT = 0;
    /** Symbol visibility: hidden. */
    public static final int STV_HIDDEN = 2;

    /** Program header type: loadable segment. */
    public static final int PT_LOAD = 1;
    /** Program header type: dynamic linking information. */
    public static final int PT_DYNAMIC = 2;
    /** Program header type: interpreter path. */
    public static final int PT_INTERP = 3;
    /** Program header type: notes. */
    public static final int PT_NOTE = 4;

    /** Segment flag: executable. */
    public static final int PF_X = 0x1;
    /** Segment flag: writable. */
    public static final int PF_W = 0x2;
    /** Segment flag: readable. */
    public static final int PF_R = 0x4;

    /** BPF relocation: none. */
    public static final int R_BPF_NONE = 0;
    /** BPF relocation: 64-bit immediate of an {@code ld_imm64} instruction (maps, globals, callbacks, externs). */
    public static final int R_BPF_64_64 = 1;
    /** BPF relocation: 64-bit absolute data (.maps initial values, .BTF.ext, DWARF). */
    public static final int R_BPF_64_ABS64 = 2;
    /** BPF relocation: 32-bit absolute data (DWARF, .BTF). */
    public static final int R_BPF_64_ABS32 = 3;
    /** BPF relocation: 32-bit data not resolved by dynamic loaders (.BTF, .BTF.ext). */
    public static final int R_BPF_64_NODYLD32 = 4;
    /** BPF relocation: the 32-bit immediate of a call instruction (BPF-to-BPF calls, kfuncs). */
    public static final int R_BPF_64_32 = 10;
}
