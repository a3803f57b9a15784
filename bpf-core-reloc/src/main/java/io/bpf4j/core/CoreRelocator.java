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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * <p>Candidate lists are cached per target BTF and shared by all relocators of that BTF. Within
 * one {@link #relocate} call, a candidate that failed to match a relocation is dropped for the
 * later relocations of the same local type, as libbpf does within an object. A relocator is
 * immutable and safe to share between threads.
 */
public final class CoreRelocator {
    private static final System.Logger LOG = System.getLogger(CoreRelocator.class.getName());

    private final Btf target;
    private final CandidateIndex candidates;

    private CoreRelocator(Btf target) {
        this.target = target;
        this.candidates = CandidateIndex.of(target);
    }

    /**
     * Returns a relocator for a target BTF.
     *
     * @param target the BTF the programs will run against (usually {@code Btf.kernel()})
     * @return the relocator
     */
    public static CoreRelocator against(Btf target) {
        return new CoreRelocator(Objects.requireNonNull(target, "target"));
    }

    /** {@return the target BTF} */
    public Btf target() {
        return target;
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
        Map<Integer, int[]> prunedCandidates = new HashMap<>();
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
                                values.targetSpec() == null ? "" : values.targetSpec().describe());
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
            Map<Integer, int[]> prunedCandidates) {
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
        int[] cands = prunedCandidates.computeIfAbsent(localId, id -> candidates.candidates(localName, localKind));
        RelocationValues chosen = null;
        int[] kept = new int[cands.length];
        int keptCount = 0;
        for (int candidate : cands) {
            AccessSpec matched = SpecMatcher.match(local, target, candidate);
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
            kept[keptCount++] = candidate;
        }
        if (chosen == null) {
            return RelocationCalculator.calculate(local, null);
        }
        prunedCandidates.put(localId, Arrays.copyOf(kept, keptCount));
        return chosen;
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
        return "CoreRelocator[" + target.origin() + "]";
    }
}
