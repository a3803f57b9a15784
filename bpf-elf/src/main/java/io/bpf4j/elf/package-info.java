/**
 * Reading ELF64 files: BPF objects, and the executables and shared libraries that uprobes
 * attach to.
 *
 * <h2>Reading a file</h2>
 * {@link io.bpf4j.elf.ElfFile#parse(java.nio.file.Path)} maps a file read-only and checks its
 * headers; {@link io.bpf4j.elf.ElfFile#parse(byte[], String)} reads bytes already in memory (a
 * class-path resource). Both accept little- and big-endian ELF64 of any machine. Symbol tables
 * and relocations are decoded only when asked for, so opening libc costs little.
 *
 * <pre>{@code
 * ElfFile libc = ElfFile.parse(Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
 * ElfSymbol malloc = libc.findSymbol("malloc").orElseThrow();     // .symtab, then .dynsym
 * long fileOffset = libc.fileOffsetOf(malloc.value()).orElseThrow(); // via the PT_LOAD segment
 * }</pre>
 *
 * <h2>Looking inside a BPF object</h2>
 * A BPF object is a relocatable file ({@code ET_REL}, {@code EM_BPF}). Each {@code SEC("...")}
 * of the C source becomes a section; code sections carry their relocations in a
 * {@code .rel<name>} section:
 *
 * <pre>{@code
 * ElfFile obj = ElfFile.parse(Path.of("target/classes/META-INF/bpf/minimal.bpf.o"));
 * ElfSection prog = obj.section("tp/syscalls/sys_enter_write").orElseThrow();
 * List<Instruction> code = Instructions.decode(obj.data(prog));
 * for (ElfRelocation r : obj.relocationsFor(prog)) {
 *     ElfSymbol target = obj.symbolOf(r);    // a map, a global variable, a function, an extern
 *     System.out.println(r.offset() / 8 + ": " + target.name());  // the slot being patched
 * }
 * }</pre>
 *
 * <h2>Notes and segments</h2>
 * Note sections ({@code SHT_NOTE}) decode into {@link io.bpf4j.elf.ElfNote}s (owner name, type,
 * descriptor bytes); USDT probes are {@code "stapsdt"} notes in {@code .note.stapsdt}, whose
 * meaning the attach plugins know. {@link io.bpf4j.elf.ElfFile#loadSegmentOf(long)} finds the
 * {@code PT_LOAD} segment that maps an address, the step from a virtual address to the file
 * offset a uprobe wants.
 *
 * <pre>{@code
 * ElfFile exe = ElfFile.parse(Path.of("/usr/bin/python3"));
 * for (ElfNote note : exe.notes(exe.section(".note.stapsdt").orElseThrow())) {
 *     ByteBuffer desc = note.descriptor();   // in the file's byte order
 * }
 * }</pre>
 *
 * <p>Most users want the next level up: {@link io.bpf4j.elf.object.ObjectSpec} reads the same
 * file into linked programs, maps and data sections; {@link io.bpf4j.elf.insn} models the
 * instructions.
 *
 * <h2>Errors</h2>
 * Anything malformed (a truncated file, an offset or size beyond the end, a string index
 * outside its table, a symbol index beyond its table, an absurd section count) ends in one
 * {@link io.bpf4j.elf.ElfFormatException} naming the file, the section and the offset. Nothing
 * is read before it is checked, so bad input cannot cause an IndexOutOfBoundsException, a huge
 * allocation or a loop without end.
 *
 * <h2>The data model</h2>
 * <pre>
 * ElfFile     = header(type, machine, order, entry) ElfSection* ElfSegment*
 * ElfSection  = index name type flags address offset size link info addressAlign entrySize
 *               ; bytes: ElfFile.data(section)
 * symbol table (SHT_SYMTAB .symtab | SHT_DYNSYM .dynsym) = ElfSymbol*
 * ElfSymbol   = index name value size bind type visibility sectionIndex dynamic
 * relocation section (SHT_REL | SHT_RELA, sh_info = target, sh_link = symbol table) = ElfRelocation*
 * ElfRelocation = relocationSection offset symbolIndex type addend explicitAddend
 * ElfSegment  = index type flags offset virtualAddress physicalAddress fileSize memorySize align
 note section (SHT_NOTE) = ElfNote*
 * ElfNote     = name type descriptor offset
 * </pre>
 */
package io.bpf4j.elf;
