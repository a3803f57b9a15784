package io.bpf4j.loader.internal;

import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.elf.object.ExternKind;
import io.bpf4j.elf.object.ExternReference;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An object's externs resolved against the running kernel ({@link ExternResolver}): the
 * {@code .kconfig} map's value, what each extern became, the module BTF fds kfunc calls and
 * module variables need while the programs load. Patches each program's instructions as
 * libbpf's {@code bpf_object__relocate_data} does. Closing it closes the module BTF fds (the
 * kernel holds its own references once the programs are loaded).
 */
public final class ResolvedExterns implements AutoCloseable {
    /**
     * libbpf's {@code POISON_CALL_KFUNC_BASE}: a call of an absent weak kfunc becomes a call of
     * helper {@code 2002000000 + extern index}, which the verifier refuses if it is reachable
     * ("invalid func unknown#2002000003") and removes as dead code otherwise.
     */
    public static final int POISON_CALL_KFUNC_BASE = 2_002_000_000;

    private final String objectName;
    private final KconfigLayout kconfig;
    private final byte[] kconfigValue;
    private final Map<String, ExternTarget> targets;
    private final int[] fdArray;
    private final List<OwnedFd> moduleBtfFds;

    ResolvedExterns(String objectName, KconfigLayout kconfig, byte[] kconfigValue, Map<String, ExternTarget> targets,
            int[] fdArray, List<OwnedFd> moduleBtfFds) {
        this.objectName = objectName;
        this.kconfig = kconfig;
        this.kconfigValue = kconfigValue;
        this.targets = Map.copyOf(targets);
        this.fdArray = fdArray;
        this.moduleBtfFds = List.copyOf(moduleBtfFds);
    }

    /** {@return what the extern resolved to} */
    public ExternTarget target(String extern) {
        ExternTarget t = targets.get(extern);
        if (t == null) {
            throw new IllegalStateException("extern '" + extern + "' of " + objectName + " was not resolved");
        }
        return t;
    }

    /** {@return the {@code .kconfig} map's value, empty when the object has no kconfig extern} */
    public byte[] kconfigValue() {
        return kconfigValue.clone();
    }

    /**
     * Creates the {@code .kconfig} map as libbpf does: an array of one entry, mmap-able and
     * read-only for programs, its BTF value type the {@code .kconfig} DATASEC; fills it and
     * freezes it.
     *
     * @param bpf   the facade
     * @param scope where the new fd goes, closed if the load fails
     * @param btfFd the object's loaded BTF, or -1
     * @param flags the map's flags
     * @return the map's fd, or null when the object has no kconfig extern
     */
    public OwnedFd createKconfigMap(Bpf bpf, ResourceScope scope, int btfFd, int flags) {
        if (kconfig.isEmpty()) {
            return null;
        }
        MapCreateRequest.Builder request = MapCreateRequest.builder(MapType.ARRAY, 4, kconfig.size(), 1)
                .name(kconfig.kernelMapName()).flags(flags);
        OwnedFd fd;
        if (btfFd >= 0 && kconfig.datasecId() != 0) {
            try {
                fd = scope.add(bpf.mapCreate(request.btf(btfFd, 0, kconfig.datasecId()).build()));
            } catch (BpfException e) {
                fd = scope.add(bpf.mapCreate(request.btf(0, 0, 0).build()));
            }
        } else {
            fd = scope.add(bpf.mapCreate(request.build()));
        }
        bpf.mapUpdateElem(fd.fd(), new byte[4], kconfigValue, 0);
        bpf.mapFreeze(fd.fd());
        return fd;
    }

    /**
     * Gives a program load the module BTF fds its kfunc calls index ({@code fd_array}; index 0
     * unused, as libbpf leaves it), when some kfunc lives in a module.
     *
     * @param request the program's load request
     */
    public void configure(ProgLoadRequest.Builder request) {
        if (fdArray != null) {
            request.fdArray(fdArray.clone());
        }
    }

    /**
     * Resolves a program's extern references.
     *
     * @param program      the program's name, for messages
     * @param insns        its instructions (map references already patched: same indexes)
     * @param references   its extern references
     * @param kconfigMapFd the {@code .kconfig} map's fd, or -1 if none
     * @return the patched instructions and the poisoned ones
     */
    public ExternPatch patch(String program, List<Instruction> insns, List<ExternReference> references,
            int kconfigMapFd) {
        if (references.isEmpty()) {
            return new ExternPatch(insns, List.of());
        }
        List<Instruction> out = new ArrayList<>(insns);
        List<int[]> poisonedAt = new ArrayList<>();
        List<String> poisonedWhy = new ArrayList<>();
        for (ExternReference ref : references) {
            int at = ref.instructionIndex();
            Instruction insn = out.get(at);
            ExternTarget target = target(ref.name());
            if (insn.isLdImm64()) {
                out.set(at, loadOf(program, ref, insn, target, kconfigMapFd));
            } else if (insn.isCall() && ref.kind() == ExternKind.FUNCTION) {
                if (target instanceof ExternTarget.KernelBtfId k) {
                    out.set(at, insn.withSrc(Opcodes.BPF_PSEUDO_KFUNC_CALL).withImm(k.btfId())
                            .withOffset(k.fdArrayIndex()));
                } else if (target instanceof ExternTarget.Absent a) {
                    out.set(at, Instruction.of(Opcodes.BPF_JMP | Opcodes.BPF_CALL, 0, 0, 0,
                            POISON_CALL_KFUNC_BASE + a.index()));
                    poisonedAt.add(new int[] {at});
                    poisonedWhy.add("weak kfunc '" + ref.name() + "' not found in the kernel (" + a.reason() + ")");
                } else {
                    throw new IllegalStateException("program '" + program + "': call of kfunc '" + ref.name()
                            + "' resolved to " + target);
                }
            } else {
                throw new IllegalStateException("program '" + program + "': extern '" + ref.name() + "' at instruction "
                        + at + " is neither an ld_imm64 nor a call: " + insn);
            }
        }
        List<PoisonedInstruction> poisoned = new ArrayList<>();
        for (int i = 0; i < poisonedAt.size(); i++) {
            poisoned.add(new PoisonedInstruction(slotOf(out, poisonedAt.get(i)[0]), poisonedWhy.get(i)));
        }
        return new ExternPatch(out, poisoned);
    }

    private static Instruction loadOf(String program, ExternReference ref, Instruction insn, ExternTarget target,
            int kconfigMapFd) {
        if (target instanceof ExternTarget.KconfigValue v) {
            if (kconfigMapFd < 0) {
                throw new IllegalStateException("program '" + program + "' reads kconfig extern '" + ref.name()
                        + "' but no .kconfig map was created");
            }
            return insn.withSrc(Opcodes.BPF_PSEUDO_MAP_VALUE).withImm(kconfigMapFd).withNextImm(v.offset());
        }
        if (target instanceof ExternTarget.KernelBtfId k) {
            return insn.withSrc(Opcodes.BPF_PSEUDO_BTF_ID).withImm(k.btfId()).withNextImm(k.btfObjectFd());
        }
        if (target instanceof ExternTarget.Address a) {
            return insn.withSrc(0).withImm((int) a.address()).withNextImm((int) (a.address() >>> 32));
        }
        // An absent weak symbol is the address 0: bpf_ksym_exists() is false.
        return insn.withSrc(0).withImm(0).withNextImm(0);
    }

    /** The verifier counts 8-byte slots: an ld_imm64 takes two. */
    private static int slotOf(List<Instruction> insns, int index) {
        int slot = 0;
        for (int i = 0; i < index; i++) {
            slot += insns.get(i).slots();
        }
        return slot;
    }

    @Override
    public void close() {
        for (OwnedFd fd : moduleBtfFds) {
            fd.close();
        }
    }
}
