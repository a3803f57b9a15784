/**
 * CO-RE relocation: making one compiled BPF program read the right bytes on every kernel.
 *
 * <h2>The problem</h2>
 * A BPF program that reads {@code task->pid} is compiled to a load at a fixed offset, say
 * {@code *(u32 *)(r1 + 1264)}. Another kernel build places {@code pid} elsewhere. With
 * {@code vmlinux.h}, every struct carries {@code __attribute__((preserve_access_index))}, so
 * clang does not just compute 1264: it also records, in the object's {@code .BTF.ext}, a
 * <em>relocation</em> saying "this instruction holds the byte offset of field 92 of
 * {@code struct task_struct} (access string {@code 0:92}), as the program's own BTF lays it out".
 * The loader finds {@code struct task_struct} in the target kernel's BTF, finds its field named
 * {@code pid}, and writes the offset it has there into the instruction.
 *
 * <h2>What can be relocated</h2>
 * Field offsets (loads, stores, {@code r1 += off}), field sizes, signedness and bitfield shifts
 * ({@code __builtin_preserve_field_info}), field/type/enumerator existence, type sizes, type ids
 * ({@code __builtin_btf_type_id}) and enumerator values ({@code __builtin_preserve_enum_value}):
 * the kinds of {@link io.bpf4j.btf.CoreRelocationKind}. Types are matched by name with any
 * {@code ___suffix} dropped, so a program can declare {@code struct task_struct___old} with the
 * fields an older kernel had and test {@code bpf_core_field_exists} before using them. Fields
 * are matched by name, looking through anonymous structs and unions, and their types need only
 * be compatible (any integer matches any integer, any pointer any pointer).
 *
 * <h2>When the target lacks something</h2>
 * Existence checks answer 0. Any other relocation that finds nothing <em>poisons</em> its
 * instruction: it becomes a call of the invalid helper {@code 0xbad2310}, which the verifier
 * rejects only if that instruction can run. Code guarded by an existence check is therefore
 * fine; unguarded code fails to load with "invalid func unknown#195896080". When two candidate
 * types of the target disagree, or a record is malformed, relocation stops with a
 * {@link io.bpf4j.core.CoreRelocationException}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ObjectSpec object = ObjectSpec.open(Path.of("exec.bpf.o"));
 * CoreRelocator relocator = CoreRelocator.against(Btf.kernel());   // or any Btf, offline
 * for (ProgramSpec program : object.programs()) {
 *     CoreRelocation relocated = relocator.relocate(program, object.btf().orElseThrow());
 *     for (CoreRelocationResult r : relocated.results()) {
 *         System.out.println(r);   // insn #1 FIELD_BYTE_OFFSET struct task_struct.pid: resolved 1264 -> 1268
 *     }
 *     byte[] code = Instructions.encode(relocated.instructions());
 * }
 * }</pre>
 * Relocating against a BTF that is not the running kernel's answers "what would this program do
 * on that kernel" without loading anything: the results list every offset and every poisoned
 * instruction. {@link io.bpf4j.core.CoreReport} does it for a whole object and says, per
 * program, what each relocation becomes (resolved to what, poisoned, ambiguous, invalid) and
 * whether each extern is in the target:
 * <pre>{@code
 * System.out.println(CoreReport.of(object, Btf.read(Path.of("vmlinux-6.1.btf"))));
 * }</pre>
 *
 * <h2>Kernel modules</h2>
 * Types a module defines (a driver's structs) are not in vmlinux's BTF but in the module's split
 * BTF, {@code /sys/kernel/btf/<module>}. Give the modules and a local type with no candidate at
 * all in vmlinux is looked for in each module's own types, as libbpf does; what matches there
 * relocates to the module's layout and type ids (a result's target spec ends with
 * {@code "(module 9pnet)"}):
 * <pre>{@code
 * Btf vmlinux = Btf.kernel();
 * Map<String, Btf> modules = Map.of("9pnet", Btf.readSplit(Path.of("/sys/kernel/btf/9pnet"), vmlinux));
 * CoreRelocator relocator = CoreRelocator.against(vmlinux, modules);
 * CoreReport report = CoreReport.of(object, vmlinux, modules);
 * }</pre>
 *
 * <h2>Model</h2>
 * <pre>
 * CoreRelocator    := against(target Btf [, modules by name])
 * CoreRelocation   := programName, instructions (same slots as the input), results
 * CoreRelocationResult := slot, record (insnOffset bytes, typeId, access string, kind), localSpec, outcome
 * CoreRelocationOutcome := Resolved(localValue, value, targetSpec) | Poisoned(reason)
 * CoreReport       := of(ObjectSpec, target Btf [, modules by name]): objectName, targetOrigin, programs, externs
 * ProgramReport    := name, sectionName, relocations
 * RelocationReport := slot, kind, localSpec, status (RESOLVED | POISONED | AMBIGUOUS | INVALID), localValue, value, detail
 * ExternReport     := name, kind, weak, status (FOUND | MISSING | RESOLVED_AT_LOAD), targetTypeId
 * </pre>
 */
package io.bpf4j.core;
