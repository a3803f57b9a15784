/**
 * The BPF object as a deterministic spec: {@link io.bpf4j.elf.object.ObjectSpec} holds the
 * linked {@link io.bpf4j.elf.object.ProgramSpec programs}, the {@link io.bpf4j.elf.object.MapSpec
 * maps} and the global {@link io.bpf4j.elf.object.DataSectionSpec data sections} of one object
 * file, read without consulting the kernel. The loader turns a spec into kernel objects.
 *
 * <h2>Reading an object</h2>
 * <pre>{@code
 * ObjectSpec spec = ObjectSpec.open(Path.of("bootstrap.bpf.o"));
 * for (ProgramSpec p : spec.programs()) {
 *     ProgramSection s = p.section();                  // "?fentry.s/do_unlinkat", parsed once
 *     s.definition().ifPresent(d -> System.out.println(p.name() + ": " + d.programTypeName()
 *             + " " + d.expectedAttachTypeName() + (s.sleepable() ? " sleepable" : "")
 *             + (s.autoLoad() ? "" : " (not auto-loaded)") + " target " + s.target()));
 * }
 * spec.maps();        // BTF-defined maps of .maps, then legacy maps of "maps"
 * spec.externs();     // __kconfig / __ksym variables and kfuncs, for the loader to resolve
 * spec.structOps();   // .struct_ops and .struct_ops.link variables
 * spec.arena();       // .addr_space.1 globals
 * }</pre>
 *
 * <h2>Section names</h2>
 * {@link io.bpf4j.elf.object.SectionTable} is libbpf's table of {@code SEC()} names; each row, a
 * {@link io.bpf4j.elf.object.SectionDefinition}, gives the program type, the expected attach
 * type (UAPI numbers with their C names), {@link io.bpf4j.elf.object.SectionFlag flags} and
 * whether libbpf attaches the program from its name. A name libbpf does not know still gives a
 * program, with program type 0: the loader needs it by hand.
 *
 * <h2>Linking</h2>
 * Linking follows libbpf: each entry program (a global or weak function in a section other
 * than {@code .text}) gets its own copy of every function it calls, appended after its body;
 * static functions and the functions of {@code .text} are subprograms. Several programs may
 * share one section. Relocations that remain for the loader (map fds, data section and arena
 * addresses, externs) are listed per instruction.
 *
 * <h2>What is refused</h2>
 * Malformed input is an {@link io.bpf4j.elf.ElfFormatException} naming file, section and
 * offset. The one {@link java.lang.UnsupportedOperationException} at parse time is a BTF map
 * attribute outside libbpf's set (libbpf refuses it too). Everything else an object may contain
 * (legacy maps, struct_ops, arenas, externs of every kind) is modelled; whether the running
 * kernel and the loader can use it is decided when the spec is loaded, not here.
 *
 * <h2>The data model</h2>
 * <pre>
 * ObjectSpec      = name license kernelVersion btf? btfExt? ProgramSpec* MapSpec* DataSectionSpec*
 *                   LegacyMapSpec* StructOpsSpec* ArenaSpec? ExternSpec* FunctionSpec*
 * ProgramSpec     = name sectionName autoLoad Instruction* LinkedFunction* MapReference*
 *                   ExternReference* FuncInfo* LineInfo* CoreRelocationRecord*   ; section() = ProgramSection
 * ProgramSection  = elfName name autoLoad kind target SectionDefinition?
 * SectionDefinition = pattern programType expectedAttachType SectionFlag* autoAttach
 * MapSpec         = name type keySize valueSize maxEntries flags numaNode pinning mapExtra
 *                   btfKeyTypeId btfValueTypeId innerMap:MapSpec? initialSlots
 * LegacyMapSpec   = name offset definitionSize type keySize valueSize maxEntries flags Iproute2?
 * DataSectionSpec = name kind:(DATA | RODATA | BSS) initialValue size btfDatasecId VariableSpec*
 * ArenaSpec       = sectionName mapName initialValue VariableSpec*
 * StructOpsSpec   = name sectionName typeName btfTypeId data programsByMember
 * ExternSpec      = name kind:(KCONFIG | KSYM | FUNCTION) weak typed btfTypeId size
 * FunctionSpec    = name sectionName sectionOffset slotCount binding:(LOCAL | GLOBAL | WEAK) program
 * MapReference    = ToMap(index, mapName) | ToDataSection(index, section, offset) | ToArena(index, map, offset)
 * </pre>
 */
package io.bpf4j.elf.object;
