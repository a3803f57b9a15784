/**
 * BTF, the BPF Type Format: read the types of the kernel or of a BPF object, look them up by name,
 * follow them, and prepare an object's BTF for loading.
 *
 * <h2>Reading</h2>
 * <pre>{@code
 * Btf kernel = Btf.kernel();                        // /sys/kernel/btf/vmlinux, parsed once per process
 * int id = kernel.findByName("task_struct", BtfKind.STRUCT);
 * BtfType.Struct task = (BtfType.Struct) kernel.type(id);
 * for (BtfType.Member m : task.members()) {
 *     if (m.name().equals("pid")) {
 *         int target = kernel.resolve(m.type());    // skip typedefs, const, volatile ...
 *         long size = kernel.sizeOf(target);        // 4
 *         long byteOffset = m.bitOffset() / 8;
 *     }
 * }
 * }</pre>
 * Parsing is cheap: the header is checked and the start of each type recorded, nothing more. A
 * type is decoded into a record the first time {@link io.bpf4j.btf.Btf#type(int)} is asked for it;
 * the index by name is built on the first {@code findByName}, reading names as bytes in the string
 * section (no {@code String} per type); it also answers CO-RE's search by essential name
 * ({@link io.bpf4j.btf.Btf#findAllByEssentialName}). Switch over the sealed
 * {@link io.bpf4j.btf.BtfType} to handle each kind:
 * <pre>{@code
 * String describe(Btf btf, int id) {
 *     BtfType t = btf.type(id);
 *     if (t instanceof BtfType.Ptr p) {
 *         return describe(btf, p.type()) + " *";
 *     } else if (t instanceof BtfType.Struct s) {
 *         return "struct " + s.name();
 *     }
 *     return t.name();
 * }
 * }</pre>
 *
 * <h2>An object file's BTF</h2>
 * The {@code .BTF} and {@code .BTF.ext} sections of a {@code *.bpf.o} (found with bpf-elf) parse
 * the same way; {@code .BTF.ext} needs the {@code .BTF} for its strings:
 * <pre>{@code
 * Btf btf = Btf.parse(ByteBuffer.wrap(btfSectionBytes), "prog.bpf.o .BTF");
 * BtfExt ext = BtfExt.parse(ByteBuffer.wrap(btfExtSectionBytes), btf, "prog.bpf.o .BTF.ext");
 * for (CoreRelocationRecord r : ext.coreRelocations().getOrDefault("tp/sched/sched_process_exec", List.of())) {
 *     // r.insnOffset() bytes into the section, r.kind() FIELD_BYTE_OFFSET, r.accessString() "0:1"
 * }
 * }</pre>
 * clang leaves every DATASEC with size 0 and its variables at offset 0; before
 * {@code BPF_BTF_LOAD}, fill them in from the ELF section size and symbol values:
 * <pre>{@code
 * Btf fixed = btf.withDatasecLayout(".bss", 8, Map.of("counter", 0, "zeroed", 4));
 * byte[] forTheKernel = fixed.toBytes();
 * }</pre>
 *
 * <h2>Writing, sanitizing, dumping as C</h2>
 * {@link io.bpf4j.btf.BtfBuilder} writes BTF: from scratch, appended to an existing BTF (kept byte
 * for byte), or re-encoded from records (a round trip that gives back vmlinux's bytes exactly).
 * {@link io.bpf4j.btf.BtfSanitizer} rewrites, feature by feature, what an older kernel rejects,
 * keeping every type id:
 * <pre>{@code
 * Btf forOldKernel = BtfSanitizer.sanitize(btf, EnumSet.of(BtfFeature.FUNC, BtfFeature.DATASEC));
 * }</pre>
 * {@link io.bpf4j.btf.CDumper} writes the types as C, the {@code vmlinux.h} BPF programs include:
 * {@code CDumper.header(Btf.kernel())}.
 *
 * <h2>Split BTF</h2>
 * A kernel module's BTF extends vmlinux: {@link io.bpf4j.btf.Btf#kernelModule(String)} or
 * {@link io.bpf4j.btf.Btf#parseSplit}. Its ids continue after the base's and it answers for both.
 *
 * <h2>Errors</h2>
 * Malformed bytes raise {@link io.bpf4j.btf.BtfFormatException} naming origin, section and byte
 * offset; a reference cycle found by {@code resolve} or {@code sizeOf} is malformed too. Asking for
 * an id that does not exist is the caller's mistake: {@link java.lang.IllegalArgumentException}.
 *
 * <h2>The data model</h2>
 * <pre>
 * Btf        := header types strings          (ids 1.. in type order; 0 is void)
 * BtfType    := Void | Int | Ptr | Array | Struct | Union | Enum | Enum64 | Fwd | Typedef
 *             | Volatile | Const | Restrict | Func | FuncProto | Var | Datasec | Float
 *             | DeclTag | TypeTag
 * Struct     := name size Member*             Union likewise
 * Member     := name type bitOffset bitfieldSize
 * Enum       := name size signed EnumValue*   Enum64 likewise; EnumValue := name value
 * FuncProto  := returnType Param*             Param := name type
 * Func       := name type(FuncProto) FuncLinkage
 * Var        := name type VarLinkage
 * Datasec    := name size VarSecInfo*         VarSecInfo := type(Var) offset size
 * BtfExt     := funcInfos lineInfos coreRelocations, each: ELF section name -&gt; records
 * FuncInfo   := insnOffset typeId(Func)
 * LineInfo   := insnOffset fileNameOffset lineOffset line column
 * CoreRelocationRecord := insnOffset typeId accessString CoreRelocationKind
 * </pre>
 */
package io.bpf4j.btf;
