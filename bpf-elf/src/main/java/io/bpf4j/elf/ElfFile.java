package io.bpf4j.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ELF64 file, little or big endian: a BPF object ({@code EM_BPF}), an executable or a shared
 * library. Parsing reads and checks the file header, the section headers and the program
 * headers; symbol tables and relocations are decoded on first use and cached. A file is read
 * through a read-only memory mapping, so a large library costs little until a table is asked
 * for.
 *
 * <p>Instances are immutable and safe to share between threads. Every malformed input ends in an
 * {@link ElfFormatException} naming the file, the section and the offset.
 */
public final class ElfFile {
    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SYM_SIZE = 24;
    private static final int REL_SIZE = 16;
    private static final int RELA_SIZE = 24;

    private final ElfBytes bytes;
    private final int type;
    private final int machine;
    private final int osAbi;
    private final long entry;
    private final List<ElfSection> sections;
    private final Map<String, ElfSection> sectionsByName;
    private final List<ElfSegment> segments;
    private final Map<Integer, List<ElfSymbol>> symbolTables = new ConcurrentHashMap<>();
    private final Map<Integer, List<ElfRelocation>> relocations = new ConcurrentHashMap<>();

    private ElfFile(ByteBuffer buffer, String origin) {
        String name = origin == null ? "<unnamed ELF>" : origin;
        if (buffer.capacity() < EHDR_SIZE) {
            throw new ElfFormatException(name, null, buffer.capacity(),
                    "truncated ELF header: " + buffer.capacity() + " bytes, need " + EHDR_SIZE);
        }
        ByteBuffer ident = buffer.duplicate();
        if (ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L' || ident.get(3) != 'F') {
            throw new ElfFormatException(name, null, 0, "not an ELF file (bad magic)");
        }
        if (ident.get(4) != ElfConstants.ELFCLASS64) {
            throw new ElfFormatException(name, null, 4, "EI_CLASS " + ident.get(4) + " is not ELFCLASS64");
        }
        ByteOrder order;
        switch (ident.get(5)) {
            case ElfConstants.ELFDATA2LSB:
                order = ByteOrder.LITTLE_ENDIAN;
                break;
            case ElfConstants.ELFDATA2MSB:
                order = ByteOrder.BIG_ENDIAN;
                break;
            default:
                throw new ElfFormatException(name, null, 5, "EI_DATA " + ident.get(5) + " is neither LSB nor MSB");
        }
        this.bytes = new ElfBytes(buffer, name, order);
        this.osAbi = bytes.u8(7);
        this.type = bytes.u16(16);
        this.machine = bytes.u16(18);
        this.entry = bytes.s64(24);
        long phoff = bytes.s64(32);
        long shoff = bytes.s64(40);
        int phentsize = bytes.u16(54);
        int phnum = bytes.u16(56);
        int shentsize = bytes.u16(58);
        long shnum = bytes.u16(60);
        int shstrndx = bytes.u16(62);

        List<ElfSection> raw = List.of();
        if (shoff != 0) {
            if (shentsize != SHDR_SIZE) {
                throw new ElfFormatException(name, null, 58, "e_shentsize " + shentsize + " is not " + SHDR_SIZE);
            }
            bytes.require(shoff, SHDR_SIZE, null, 40, "section header table (e_shoff)");
            if (shnum == 0) {
                // Extended numbering: the count lives in section 0's sh_size (gABI).
                shnum = bytes.s64(shoff + 32);
            }
            if (shstrndx == ElfConstants.SHN_XINDEX) {
                shstrndx = (int) bytes.u32(shoff + 40);
            }
            if (shnum < 0 || shnum > (bytes.length() - shoff) / SHDR_SIZE) {
                throw new ElfFormatException(name, null, shoff, "section count " + Long.toUnsignedString(shnum)
                        + " does not fit in the file after e_shoff " + shoff);
            }
            raw = readSectionHeaders(shoff, (int) shnum);
        }
        this.sections = nameSections(raw, shstrndx);
        Map<String, ElfSection> byName = new LinkedHashMap<>();
        for (ElfSection s : sections) {
            byName.putIfAbsent(s.name(), s);
        }
        this.sectionsByName = Collections.unmodifiableMap(byName);
        this.segments = readProgramHeaders(phoff, phentsize, phnum);
    }

    /**
     * Parses the file at {@code path}, mapping it read-only into memory.
     *
     * @param path an ELF64 file
     * @return the parsed file
     * @throws ElfFormatException if the file is not a well-formed ELF64 file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ElfFile parse(Path path) {
        Objects.requireNonNull(path, "path");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfFormatException(path.toString(), null, 0,
                        "files larger than 2 GiB are not supported (" + size + " bytes)");
            }
            ByteBuffer buffer = size == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new ElfFile(buffer, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ELF file " + path, e);
        }
    }

    /**
     * Parses ELF bytes held in memory. The array is not copied: do not change it afterwards.
     *
     * @param bytes the whole file
     * @param origin the name used in error messages (a path, a resource name)
     * @return the parsed file
     * @throws ElfFormatException if the bytes are not a well-formed ELF64 file
     */
    public static ElfFile parse(byte[] bytes, String origin) {
        Objects.requireNonNull(bytes, "bytes");
        return new ElfFile(ByteBuffer.wrap(bytes), origin);
    }

    private List<ElfSection> readSectionHeaders(long shoff, int count) {
        List<ElfSection> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long h = shoff + (long) i * SHDR_SIZE;
            int nameIndex = (int) bytes.u32(h);
            int shType = bytes.s32(h + 4);
            long flags = bytes.s64(h + 8);
            long addr = bytes.s64(h + 16);
            long offset = bytes.s64(h + 24);
            long size = bytes.s64(h + 32);
            int link = bytes.s32(h + 40);
            int info = bytes.s32(h + 44);
            long align = bytes.s64(h + 48);
            long entsize = bytes.s64(h + 56);
            // The name is resolved once the string table is known; keep its index in the name slot for now.
            list.add(new ElfSection(i, Integer.toUnsignedString(nameIndex), shType, flags, addr, offset, size,
                    link, info, align, entsize));
        }
        return list;
    }

    private List<ElfSection> nameSections(List<ElfSection> raw, int shstrndx) {
        if (raw.isEmpty()) {
            return List.of();
        }
        if (shstrndx == ElfConstants.SHN_UNDEF || shstrndx >= raw.size()) {
            throw new ElfFormatException(bytes.origin(), null, 62, "section name string table index " + shstrndx
                    + " is out of range (" + raw.size() + " sections)");
        }
        ElfSection strtab = raw.get(shstrndx);
        String strtabLabel = "section name string table #" + shstrndx;
        if (strtab.type() == ElfConstants.SHT_NOBITS) {
            throw new ElfFormatException(bytes.origin(), strtabLabel, 0, "section name string table has no bytes");
        }
        bytes.require(strtab.offset(), strtab.size(), strtabLabel, 0, "section name string table");
        List<ElfSection> named = new ArrayList<>(raw.size());
        for (ElfSection s : raw) {
            long nameIndex = Long.parseLong(s.name());
            String name = s.index() == 0 && nameIndex == 0 ? ""
                    : bytes.string(strtab.offset(), strtab.size(), nameIndex, strtabLabel,
                            "name of section #" + s.index());
            ElfSection section = new ElfSection(s.index(), name, s.type(), s.flags(), s.address(), s.offset(),
                    s.size(), s.link(), s.info(), s.addressAlign(), s.entrySize());
            if (section.index() != 0 && !section.isNoBits() && section.type() != ElfConstants.SHT_NULL) {
                bytes.require(section.offset(), section.size(), label(section), 0, "section contents");
            }
            named.add(section);
        }
        return List.copyOf(named);
    }

    private List<ElfSegment> readProgramHeaders(long phoff, int phentsize, int phnum) {
        if (phoff == 0 || phnum == 0) {
            return List.of();
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException(bytes.origin(), null, 54, "e_phentsize " + phentsize + " is not " + PHDR_SIZE);
        }
        bytes.require(phoff, (long) phnum * PHDR_SIZE, null, 32, "program header table (e_phoff)");
        List<ElfSegment> list = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            long h = phoff + (long) i * PHDR_SIZE;
            list.add(new ElfSegment(i, bytes.s32(h), bytes.s32(h + 4), bytes.s64(h + 8), bytes.s64(h + 16),
                    bytes.s64(h + 24), bytes.s64(h + 32), bytes.s64(h + 40), bytes.s64(h + 48)));
        }
        return List.copyOf(list);
    }

    private static String label(ElfSection s) {
        return s.name().isEmpty() ? "#" + s.index() : s.name();
    }

    /** {@return the name given at parse time: the path or the origin string} */
    public String origin() {
        return bytes.origin();
    }

    /** {@return the byte order of the file's multi-byte fields} */
    public ByteOrder order() {
        return bytes.order();
    }

    /** {@return {@code e_type}: {@code ET_REL}, {@code ET_EXEC}, {@code ET_DYN} ...} */
    public int type() {
        return type;
    }

    /** {@return {@code e_machine}: {@code EM_BPF}, {@code EM_X86_64}, {@code EM_AARCH64} ...} */
    public int machine() {
        return machine;
    }

    /** {@return {@code EI_OSABI}} */
    public int osAbi() {
        return osAbi;
    }

    /** {@return {@code e_entry}, the entry point address (0 for BPF objects)} */
    public long entry() {
        return entry;
    }

    /** {@return the file's size in bytes} */
    public long size() {
        return bytes.length();
    }

    /** {@return every section header in index order, including the null section at index 0} */
    public List<ElfSection> sections() {
        return sections;
    }

    /**
     * {@return the first section with this name}
     *
     * @param name a section name such as {@code ".text"} or {@code "xdp"}
     */
    public Optional<ElfSection> section(String name) {
        return Optional.ofNullable(sectionsByName.get(name));
    }

    /**
     * {@return the section at {@code index}}
     *
     * @param index a section header index
     * @throws ElfFormatException if there is no such section
     */
    public ElfSection section(int index) {
        if (index < 0 || index >= sections.size()) {
            throw new ElfFormatException(origin(), null, 0, "section index " + index + " is out of range ("
                    + sections.size() + " sections)");
        }
        return sections.get(index);
    }

    /** {@return the program headers (segments); empty for relocatable files such as BPF objects} */
    public List<ElfSegment> segments() {
        return segments;
    }

    /**
     * {@return a read-only view of the section's bytes in the file's byte order; empty for {@code SHT_NOBITS}}
     *
     * @param section a section of this file
     */
    public ByteBuffer data(ElfSection section) {
        if (section.isNoBits() || section.type() == ElfConstants.SHT_NULL) {
            return ByteBuffer.allocate(0).order(order()).asReadOnlyBuffer().order(order());
        }
        bytes.require(section.offset(), section.size(), label(section), 0, "section contents");
        return bytes.slice(section.offset(), section.size());
    }

    /**
     * {@return a copy of the section's bytes; zeros of the section's size for {@code SHT_NOBITS}}
     *
     * @param section a section of this file
     */
    public byte[] bytes(ElfSection section) {
        if (section.isNoBits()) {
            if (section.size() > Integer.MAX_VALUE || section.size() < 0) {
                throw new ElfFormatException(origin(), label(section), 0, "NOBITS section of "
                        + Long.toUnsignedString(section.size()) + " bytes is too large");
            }
            return new byte[(int) section.size()];
        }
        ByteBuffer view = data(section);
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    /** {@return the static symbol table ({@code .symtab}, {@code SHT_SYMTAB}); empty if stripped} */
    public List<ElfSymbol> symbols() {
        return sections.stream().filter(s -> s.type() == ElfConstants.SHT_SYMTAB).findFirst()
                .map(this::symbolTable).orElse(List.of());
    }

    /** {@return the dynamic symbol table ({@code .dynsym}, {@code SHT_DYNSYM}); empty if absent} */
    public List<ElfSymbol> dynamicSymbols() {
        return sections.stream().filter(s -> s.type() == ElfConstants.SHT_DYNSYM).findFirst()
                .map(this::symbolTable).orElse(List.of());
    }

    /**
     * Finds a defined symbol by name, looking in {@code .symtab} first, then in {@code .dynsym}.
     *
     * @param name the symbol name, without a version suffix
     * @return the symbol, if one with that name is defined in a section
     */
    public Optional<ElfSymbol> findSymbol(String name) {
        for (ElfSymbol s : symbols()) {
            if (s.isInSection() && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        for (ElfSymbol s : dynamicSymbols()) {
            if (s.isInSection() && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes the entries of a note section ({@code SHT_NOTE}): each is a header of three 32-bit
     * words ({@code n_namesz}, {@code n_descsz}, {@code n_type}), the owner name and the
     * descriptor, name and descriptor each padded to the section's alignment (4, or 8 for
     * sections aligned to 8, as the gABI and GNU tools do).
     *
     * @param section a note section of this file, such as {@code .note.stapsdt}
     * @return its notes in file order
     * @throws ElfFormatException naming the section and offset if it is not a note section or an
     *     entry runs past its end
     */
    public List<ElfNote> notes(ElfSection section) {
        String where = label(section);
        if (section.type() != ElfConstants.SHT_NOTE) {
            throw new ElfFormatException(origin(), where, 0, "not a note section (sh_type " + section.type() + ")");
        }
        int align = section.addressAlign() == 8 ? 8 : 4;
        ByteBuffer data = data(section);
        List<ElfNote> notes = new ArrayList<>();
        long size = data.remaining();
        long p = 0;
        while (p < size) {
            if (size - p < 12) {
                throw new ElfFormatException(origin(), where, p, "truncated note header: " + (size - p)
                        + " bytes left, need 12");
            }
            long nameSize = Integer.toUnsignedLong(data.getInt((int) p));
            long descSize = Integer.toUnsignedLong(data.getInt((int) p + 4));
            int noteType = data.getInt((int) p + 8);
            long nameAt = p + 12;
            long descAt = nameAt + pad(nameSize, align);
            long end = descAt + pad(descSize, align);
            if (descAt + descSize > size) {
                throw new ElfFormatException(origin(), where, p, "note of name size " + nameSize
                        + " and descriptor size " + descSize + " runs past the end of the " + size + "-byte section");
            }
            String name = "";
            if (nameSize > 0) {
                byte[] raw = new byte[(int) nameSize];
                data.get((int) nameAt, raw);
                int len = raw.length;
                while (len > 0 && raw[len - 1] == 0) {
                    len--;
                }
                name = new String(raw, 0, len, java.nio.charset.StandardCharsets.UTF_8);
            }
            ByteBuffer desc = data.duplicate();
            desc.limit((int) (descAt + descSize)).position((int) descAt);
            notes.add(new ElfNote(name, noteType, desc.slice().order(order()), p));
            p = Math.min(end, size);
        }
        return List.copyOf(notes);
    }

    private static long pad(long size, int align) {
        return (size + align - 1) & -align;
    }

    /**
     * {@return the loadable segment ({@code PT_LOAD}) whose file-backed bytes hold {@code virtualAddress}}
     *
     * @param virtualAddress an address such as a symbol's value or a USDT probe's location
     */
    public Optional<ElfSegment> loadSegmentOf(long virtualAddress) {
        for (ElfSegment seg : segments) {
            if (seg.isLoad() && seg.containsInFile(virtualAddress)) {
                return Optional.of(seg);
            }
        }
        return Optional.empty();
    }

    /**
     * Translates a virtual address to a file offset through the {@code PT_LOAD} segment that
     * contains it (what uprobes need). Files without program headers (relocatable objects)
     * have no mapping.
     *
     * @param virtualAddress an address such as a function symbol's value
     * @return the file offset, or empty if no loadable segment contains the address
     */
    public OptionalLong fileOffsetOf(long virtualAddress) {
        for (ElfSegment seg : segments) {
            if (seg.isLoad() && seg.containsInFile(virtualAddress)) {
                return OptionalLong.of(virtualAddress - seg.virtualAddress() + seg.offset());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Decodes a symbol table section ({@code SHT_SYMTAB} or {@code SHT_DYNSYM}); cached.
     *
     * @param table the symbol table section
     * @return its symbols in index order (index 0 is the null symbol)
     * @throws ElfFormatException if the table or its string table is malformed
     */
    public List<ElfSymbol> symbolTable(ElfSection table) {
        return symbolTables.computeIfAbsent(table.index(), i -> readSymbolTable(table));
    }

    private List<ElfSymbol> readSymbolTable(ElfSection table) {
        String where = label(table);
        if (table.type() != ElfConstants.SHT_SYMTAB && table.type() != ElfConstants.SHT_DYNSYM) {
            throw new ElfFormatException(origin(), where, 0, "not a symbol table (sh_type " + table.type() + ")");
        }
        if (table.entrySize() != SYM_SIZE && table.entrySize() != 0) {
            throw new ElfFormatException(origin(), where, 0, "symbol entry size " + table.entrySize()
                    + " is not " + SYM_SIZE);
        }
        if (table.size() % SYM_SIZE != 0) {
            throw new ElfFormatException(origin(), where, 0, "size " + table.size()
                    + " is not a multiple of the symbol entry size " + SYM_SIZE);
        }
        if (table.link() <= 0 || table.link() >= sections.size()) {
            throw new ElfFormatException(origin(), where, 0, "sh_link " + table.link()
                    + " does not name a string table section");
        }
        ElfSection strtab = sections.get(table.link());
        if (strtab.type() != ElfConstants.SHT_STRTAB) {
            throw new ElfFormatException(origin(), where, 0, "sh_link " + table.link()
                    + " names section '" + strtab.name() + "', which is not a string table");
        }
        boolean dynamic = table.type() == ElfConstants.SHT_DYNSYM;
        int count = (int) (table.size() / SYM_SIZE);
        List<ElfSymbol> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = table.offset() + (long) i * SYM_SIZE;
            long nameIndex = bytes.u32(e);
            int info = bytes.u8(e + 4);
            int other = bytes.u8(e + 5);
            int shndx = bytes.u16(e + 6);
            long value = bytes.s64(e + 8);
            long size = bytes.s64(e + 16);
            String name;
            try {
                name = nameIndex == 0 ? "" : bytes.string(strtab.offset(), strtab.size(), nameIndex,
                        label(strtab), "name of symbol #" + i + " in " + where);
            } catch (ElfFormatException ex) {
                throw new ElfFormatException(origin(), where, (long) i * SYM_SIZE, "symbol #" + i
                        + ": name offset " + nameIndex + " is outside string table '" + strtab.name()
                        + "' (" + strtab.size() + " bytes)", ex);
            }
            list.add(new ElfSymbol(i, name, value, size, info >>> 4, info & 0xf, other & 0x3, shndx, dynamic));
        }
        return List.copyOf(list);
    }

    /**
     * {@return the symbol a relocation refers to}
     *
     * @param relocation a relocation read from this file
     */
    public ElfSymbol symbolOf(ElfRelocation relocation) {
        ElfSection relSection = section(relocation.relocationSection());
        List<ElfSymbol> table = symbolTable(section(relSection.link()));
        // readRelocations checked the index against this very table.
        return table.get(relocation.symbolIndex());
    }

    /**
     * The relocations that apply to {@code target}: the entries of every {@code SHT_REL} and
     * {@code SHT_RELA} section whose {@code sh_info} names it, in file order; cached.
     *
     * @param target a section of this file
     * @return its relocations, empty if none
     * @throws ElfFormatException if a relocation section is malformed or refers to a symbol
     *     that does not exist
     */
    public List<ElfRelocation> relocationsFor(ElfSection target) {
        return relocations.computeIfAbsent(target.index(), i -> {
            List<ElfRelocation> all = new ArrayList<>();
            for (ElfSection s : sections) {
                if (s.isRelocation() && s.info() == target.index()) {
                    all.addAll(readRelocations(s));
                }
            }
            return List.copyOf(all);
        });
    }

    private List<ElfRelocation> readRelocations(ElfSection rel) {
        String where = label(rel);
        boolean rela = rel.type() == ElfConstants.SHT_RELA;
        int entry = rela ? RELA_SIZE : REL_SIZE;
        if (rel.entrySize() != entry && rel.entrySize() != 0) {
            throw new ElfFormatException(origin(), where, 0, "relocation entry size " + rel.entrySize()
                    + " is not " + entry);
        }
        if (rel.size() % entry != 0) {
            throw new ElfFormatException(origin(), where, 0, "size " + rel.size()
                    + " is not a multiple of the relocation entry size " + entry);
        }
        if (rel.link() <= 0 || rel.link() >= sections.size()) {
            throw new ElfFormatException(origin(), where, 0, "sh_link " + rel.link()
                    + " does not name a symbol table");
        }
        List<ElfSymbol> symbols = symbolTable(sections.get(rel.link()));
        int count = (int) (rel.size() / entry);
        List<ElfRelocation> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = rel.offset() + (long) i * entry;
            long offset = bytes.s64(e);
            long info = bytes.s64(e + 8);
            long symbol = info >>> 32;
            int relType = (int) info;
            long addend = rela ? bytes.s64(e + 16) : 0;
            if (symbol >= symbols.size()) {
                throw new ElfFormatException(origin(), where, (long) i * entry, "relocation #" + i
                        + " refers to symbol #" + symbol + " but the symbol table has " + symbols.size()
                        + " entries");
            }
            list.add(new ElfRelocation(rel.index(), offset, (int) symbol, relType, addend, rela));
        }
        return list;
    }

    @Override
    public String toString() {
        return "ElfFile[" + origin() + ", machine " + machine + ", " + sections.size() + " sections]";
    }
}
