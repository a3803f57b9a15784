package io.bpf4j.core;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.core.internal.AccessSpec;
import io.bpf4j.core.internal.AccessSpecParser;
import io.bpf4j.core.internal.BtfTypes;
import io.bpf4j.core.internal.CandidateIndex;
import io.bpf4j.core.internal.InstructionPatcher;
import io.bpf4j.core.internal.InvalidRelocationException;
import io.bpf4j.core.internal.RelocationCalculator;
import io.bpf4j.core.internal.RelocationValues;
import io.bpf4j.core.internal.SpecMatcher;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.elf.object.ProgramSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Applies CO-RE relocations to programs against one target BTF: the running kernel's
 * ({@code CoreRelocator.against(Btf.kernel())}) or any other, offline. No system call.
 *
 * <pre>{@code
 * CoreRelocator relocator = CoreRelocator.against(Btf.kernel());
 * CoreRelocation relocated = relocator.relocate(programSpec, objectSpec.btf().orElseThrow());
 * relocated.results().forEach(System.out::println);   // insn #1 FIELD_BYTE_OFFSET struct task_struct.pid: ...
 * byte[] code = Instructions.encode(relocated.instructions());
 * }</pre>
 *
 * <p>Each relocation follows libbpf's algorithm: the access string is resolved against the
 * program's own BTF, candidate types with the same essential name are looked up in the target,
 * each is matched field by field, and all matching candidates must agree. An answer that cannot
 * be given poisons the instruction (see {@link CoreRelocationOutcome.Poisoned}); an invalid
 * relocation throws {@link CoreRelocationException}.
 *
 * <p>A kernel's modules define types vmlinux lacks: {@link #against(Btf, Map)} adds their split
 * BTF, searched only for a local type with no candidate in vmlinux, as libbpf does.
 *
 * <p>Candidate lists are cached per target BTF and shared by all relocators of that BTF. The
 * first program of an object looks up every type name of the object's BTF in one pass over the
 * target ({@link Btf#findAllByEssentialNames}), so a freshly read kernel BTF needs no full name
 * index. Within
 * one {@link #relocate} call, a candidate that failed to match a relocation is dropped for the
 * later relocations of the same local type, as libbpf does within an object. A relocator is
 * immutable and safe to share between threads.
 */
public final class CoreRelocator {
    private static final System.Logger LOG = System.getLogger(CoreRelocator.class.getName());

    private final Btf target;
    private final CandidateIndex candidates;
    private final Supplier<Map<String, Btf>> moduleSource;
    private volatile Modules modules;

    /** The modules' BTF, in search order, with their candidate indexes. */
    private record Modules(Map<String, Btf> byName, String[] names, Btf[] btfs, CandidateIndex[] candidates) {
    }

    private CoreRelocator(Btf target, Supplier<Map<String, Btf>> moduleSource) {
        this.target = target;
        this.candidates = CandidateIndex.of(target);
        this.moduleSource = moduleSource;
    }

    /**
     * Returns a relocator for a target BTF.
     *
     * @param target the BTF the programs will run against (usually {@code Btf.kernel()})
     * @return the relocator
     */
    public static CoreRelocator against(Btf target) {
        return new CoreRelocator(Objects.requireNonNull(target, "target"), Map::of);
    }

    /**
     * Returns a relocator for a kernel with modules: candidates are searched in {@code vmlinux}
     * first and, only for a local type with no candidate there at all, in each module's own types
     * in the map's iteration order (libbpf's {@code bpf_core_find_cands}). A type found in a
     * module relocates to the module's layout and type ids.
     *
     * @param vmlinux the kernel's BTF
     * @param modules each module's split BTF over {@code vmlinux} by module name, in search
     *     order (e.g. a {@code LinkedHashMap} in name order)
     * @return the relocator
     * @throws IllegalArgumentException if a module's BTF is not split over {@code vmlinux}
     */
    public static CoreRelocator against(Btf vmlinux, Map<String, Btf> modules) {
        Objects.requireNonNull(modules, "modules");
        CoreRelocator relocator = new CoreRelocator(Objects.requireNonNull(vmlinux, "vmlinux"), () -> modules);
        relocator.modules(); // check them now
        return relocator;
    }

    /**
     * Like {@link #against(Btf, Map)}, asking for the modules only when a local type has no
     * candidate in {@code vmlinux} (reading every module's BTF costs time most loads do not need).
     *
     * @param vmlinux the kernel's BTF
     * @param modules gives the modules' BTF by name in search order, called at most once
     * @return the relocator
     */
    public static CoreRelocator against(Btf vmlinux, Supplier<Map<String, Btf>> modules) {
        return new CoreRelocator(Objects.requireNonNull(vmlinux, "vmlinux"), Objects.requireNonNull(modules, "modules"));
    }

    /** {@return the target BTF (vmlinux, when modules are given)} */
    public Btf target() {
        return target;
    }

    /** {@return the modules' BTF by name, in search order; empty unless given (asks a supplier now)} */
    public Map<String, Btf> modules() {
        return loadedModules().byName();
    }

    private Modules loadedModules() {
        Modules m = modules;
        if (m == null) {
            synchronized (this) {
                m = modules;
                if (m == null) {
                    m = checkModules(moduleSource.get());
                    modules = m;
                }
            }
        }
        return m;
    }

    private Modules checkModules(Map<String, Btf> given) {
        Map<String, Btf> byName = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        String[] names = byName.keySet().toArray(new String[0]);
        Btf[] btfs = byName.values().toArray(new Btf[0]);
        CandidateIndex[] indexes = new CandidateIndex[btfs.length];
        for (int i = 0; i < btfs.length; i++) {
            Btf m = Objects.requireNonNull(btfs[i], names[i]);
            if (m.base().orElse(null) != target) {
                throw new IllegalArgumentException("module BTF '" + names[i] + "' (" + m.origin()
                        + ") is not split BTF over " + target.origin());
            }
            indexes[i] = CandidateIndex.ofModule(m);
        }
        return new Modules(byName, names, btfs, indexes);
    }

    /**
     * Relocates a linked program of an object: its instructions and its CO-RE records, whose
     * {@code insnOffset} bpf-elf has already re-based onto the linked program (bytes from the
     * program's first instruction).
     *
     * @param program the program
     * @param localBtf the object's {@code .BTF}, which the records' type ids refer to
     * @return the relocated program and the report
     * @throws CoreRelocationException if a relocation is invalid
     */
    public CoreRelocation relocate(ProgramSpec program, Btf localBtf) {
        return relocate(program.name(), program.instructions(), program.coreRelocations(), localBtf);
    }

    /**
     * Relocates a program's instructions.
     *
     * @param programName the program's name, for messages
     * @param instructions the program's instructions
     * @param records the CO-RE relocations, each {@code insnOffset} in <b>bytes from the first
     *     instruction of {@code instructions}</b> (a multiple of 8: slot × 8, an {@code ld_imm64}
     *     counting two slots), as in {@code .BTF.ext} and libbpf
     * @param localBtf the program's own BTF, which the records' type ids refer to
     * @return the relocated program and one report per record, in record order
     * @throws CoreRelocationException if a relocation is invalid
     */
    public CoreRelocation relocate(String programName, List<Instruction> instructions, List<CoreRelocationRecord> records,
            Btf localBtf) {
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(localBtf, "localBtf");
        Instruction[] working = instructions.toArray(new Instruction[0]);
        boolean[] doubled = new boolean[working.length];
        int[] indexOfSlot = slotIndex(working);
        Map<Integer, long[]> prunedCandidates = new HashMap<>();
        if (!records.isEmpty()) {
            candidates.prefetch(localBtf);
        }
        List<CoreRelocationResult> results = new ArrayList<>(records.size());
        for (int r = 0; r < records.size(); r++) {
            CoreRelocationRecord record = records.get(r);
            int offset = record.insnOffset();
            int slot = offset >= 0 && offset % Opcodes.BPF_INSN_SIZE == 0 ? offset / Opcodes.BPF_INSN_SIZE : -1;
            if (slot < 0 || slot >= indexOfSlot.length || indexOfSlot[slot] < 0) {
                throw new CoreRelocationException(programName, -1, r, record, "byte offset " + offset
                        + " is not the start of an instruction of this program (" + indexOfSlot.length + " slots)", null);
            }
            int index = indexOfSlot[slot];
            try {
                AccessSpec local = AccessSpecParser.parse(localBtf, record.typeId(), record.accessString(), record.kind());
                RelocationValues values = compute(local, localBtf, record, prunedCandidates);
                Instruction original = working[index];
                InstructionPatcher.Patch patch = InstructionPatcher.patch(original, values);
                working[index] = patch.replacement().get(0);
                doubled[index] = patch.replacement().size() == 2;
                CoreRelocationOutcome outcome = patch.poisoned()
                        ? new CoreRelocationOutcome.Poisoned(patch.poisonReason())
                        : new CoreRelocationOutcome.Resolved(values.localValue(), values.targetValue(),
                                describeTarget(values.targetSpec()));
                CoreRelocationResult result = new CoreRelocationResult(slot, record, local.describe(), outcome);
                if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                    LOG.log(System.Logger.Level.DEBUG, "prog ''{0}'': relo #{1}: {2}", programName, r, result);
                }
                results.add(result);
            } catch (InvalidRelocationException e) {
                throw new CoreRelocationException(programName, slot, r, record, e.getMessage(), e);
            }
        }
        List<Instruction> out = new ArrayList<>(working.length + 1);
        for (int i = 0; i < working.length; i++) {
            out.add(working[i]);
            if (doubled[i]) {
                out.add(working[i]);
            }
        }
        return new CoreRelocation(programName, out, results);
    }

    private RelocationValues compute(AccessSpec local, Btf localBtf, CoreRelocationRecord record,
            Map<Integer, long[]> prunedCandidates) {
        int localId = record.typeId();
        if (record.kind() == CoreRelocationKind.TYPE_ID_LOCAL) {
            // Needs no target; the id in the instruction may have changed when objects were linked.
            return new RelocationValues(localId, localId, false, null, false, 0, 0, false, local);
        }
        String localName = localBtf.name(localId);
        if (localName.isEmpty()) {
            throw new InvalidRelocationException("CO-RE cannot relocate an anonymous type (" + BtfTypes.describe(localBtf, localId)
                    + " [" + localId + "]): there is no name to look up in the target");
        }
        BtfKind localKind = localBtf.kind(localId);
        long[] cands = prunedCandidates.computeIfAbsent(localId, id -> findCandidates(localName, localKind));
        RelocationValues chosen = null;
        long[] kept = new long[cands.length];
        int keptCount = 0;
        for (long encoded : cands) {
            Btf candidateBtf = btfOf(encoded);
            int candidate = (int) encoded;
            AccessSpec matched = SpecMatcher.match(local, candidateBtf, candidate);
            if (matched == null) {
                continue;
            }
            RelocationValues values = RelocationCalculator.calculate(local, matched);
            if (chosen == null) {
                chosen = values;
            } else if (matched.bitOffset() != chosen.targetSpec().bitOffset()) {
                throw new InvalidRelocationException("field offset ambiguity: " + chosen.targetSpec() + " ["
                        + chosen.targetSpec().rootTypeId() + "] and " + matched + " [" + candidate + "] both match");
            } else if (values.poison() != chosen.poison() || values.targetValue() != chosen.targetValue()) {
                throw new InvalidRelocationException("relocation decision ambiguity: " + chosen.targetSpec() + " ["
                        + chosen.targetSpec().rootTypeId() + "] gives " + chosen.targetValue() + ", " + matched + " ["
                        + candidate + "] gives " + values.targetValue());
            }
            kept[keptCount++] = encoded;
        }
        if (chosen == null) {
            return RelocationCalculator.calculate(local, null);
        }
        prunedCandidates.put(localId, Arrays.copyOf(kept, keptCount));
        return chosen;
    }

    /**
     * Candidates as {@code source << 32 | id}, source 0 for the target (vmlinux) and i + 1 for
     * module i: vmlinux's if it has any, else every module's, in module order.
     */
    private long[] findCandidates(String localName, BtfKind localKind) {
        int[] inTarget = candidates.candidates(localName, localKind);
        if (inTarget.length > 0) {
            long[] out = new long[inTarget.length];
            for (int i = 0; i < inTarget.length; i++) {
                out[i] = inTarget[i];
            }
            return out;
        }
        Modules modules = loadedModules();
        long[] out = new long[0];
        for (int m = 0; m < modules.btfs().length; m++) {
            int[] ids = modules.candidates()[m].candidates(localName, localKind);
            int n = out.length;
            out = Arrays.copyOf(out, n + ids.length);
            for (int i = 0; i < ids.length; i++) {
                out[n + i] = ((long) (m + 1) << 32) | ids[i];
            }
        }
        return out;
    }

    private Btf btfOf(long encodedCandidate) {
        int source = (int) (encodedCandidate >>> 32);
        return source == 0 ? target : modules.btfs()[source - 1];
    }

    private String describeTarget(AccessSpec targetSpec) {
        if (targetSpec == null) {
            return "";
        }
        Modules m = modules;
        for (int i = 0; m != null && i < m.btfs().length; i++) {
            if (targetSpec.btf() == m.btfs()[i]) {
                return targetSpec.describe() + " (module " + m.names()[i] + ")";
            }
        }
        return targetSpec.describe();
    }

    // Slot -> list index; -1 for the second slot of an ld_imm64, which no relocation may name.
    private static int[] slotIndex(Instruction[] insns) {
        int slots = 0;
        for (Instruction insn : insns) {
            slots += insn.slots();
        }
        int[] map = new int[slots];
        int slot = 0;
        for (int i = 0; i < insns.length; i++) {
            map[slot++] = i;
            if (insns[i].slots() == 2) {
                map[slot++] = -1;
            }
        }
        return map;
    }

    @Override
    public String toString() {
        Modules m = modules;
        return "CoreRelocator[" + target.origin() + (m == null || m.names().length == 0 ? "" : " + modules "
                + m.byName().keySet()) + "]";
    }
}
