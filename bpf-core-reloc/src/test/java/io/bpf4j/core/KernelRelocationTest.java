package io.bpf4j.core;

import static io.bpf4j.btf.CoreRelocationKind.ENUMVAL_EXISTS;
import static io.bpf4j.btf.CoreRelocationKind.ENUMVAL_VALUE;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_OFFSET;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_SIZE;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_EXISTS;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_LSHIFT_U64;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_RSHIFT_U64;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_SIGNED;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_EXISTS;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_ID_LOCAL;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_ID_TARGET;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_MATCHES;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_SIZE;
import static io.bpf4j.core.TestObjects.instruction;
import static io.bpf4j.core.TestObjects.isPoison;
import static io.bpf4j.core.TestObjects.result;
import static io.bpf4j.core.TestObjects.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relocates core_reloc.bpf.o against the running kernel's BTF and checks each value against an
 * independent walk of that BTF. The object was compiled against a vmlinux.h dumped from the same
 * BTF, so every relocated value must also equal what clang computed (the local value).
 */
class KernelRelocationTest {
    private static Btf kernel;
    private static BtfOracle oracle;
    private static ObjectSpec object;
    private static CoreRelocator relocator;

    @BeforeAll
    static void setUp() {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "this host exposes no kernel BTF at " + Btf.KERNEL_BTF);
        kernel = Btf.kernel();
        oracle = new BtfOracle(kernel);
        object = TestObjects.object("core_reloc");
        relocator = CoreRelocator.against(kernel);
    }

    private static CoreRelocation relocate(String program) {
        ProgramSpec p = TestObjects.program(object, program);
        assertFalse(p.coreRelocations().isEmpty(), program + " should carry CO-RE relocations");
        CoreRelocation r = relocator.relocate(p, TestObjects.btf(object));
        assertEquals(p.coreRelocations().size(), r.results().size());
        assertEquals(p.slotCount(), Instructions.slotCount(r.instructions()), "relocation keeps every slot");
        return r;
    }

    private static void assertResolvedUnchanged(CoreRelocation r) {
        for (CoreRelocationResult x : r.results()) {
            if (x.outcome() instanceof CoreRelocationOutcome.Resolved res && x.kind() != TYPE_ID_TARGET) {
                assertEquals(res.localValue(), res.value(), () -> "the kernel the object was compiled for changes " + x);
            }
        }
    }

    @Test
    void fieldLoadsGetTheKernelsOffsets() {
        CoreRelocation r = relocate("field_loads");
        CoreRelocationResult pid = result(r, FIELD_BYTE_OFFSET, "struct task_struct.pid");
        assertEquals(oracle.byteOffset("task_struct", "pid"), pid.value());
        Instruction load = instruction(r, pid);
        assertEquals(Opcodes.BPF_LDX | Opcodes.BPF_MEM | Opcodes.BPF_W, load.opcode());
        assertEquals(pid.value(), load.offset());

        for (CoreRelocationResult tgid : results(r, FIELD_BYTE_OFFSET, "struct task_struct.tgid")) {
            assertEquals(oracle.byteOffset("task_struct", "tgid"), tgid.value());
            assertEquals(tgid.value(), instruction(r, tgid).offset());
        }
        CoreRelocationResult parent = results(r, FIELD_BYTE_OFFSET, "struct task_struct.real_parent").get(0);
        assertEquals(oracle.byteOffset("task_struct", "real_parent"), parent.value());
        assertEquals(Opcodes.BPF_DW, Opcodes.size(instruction(r, parent).opcode()));

        CoreRelocationResult comm3 = result(r, FIELD_BYTE_OFFSET, "struct task_struct.comm[3]");
        assertEquals(oracle.byteOffset("task_struct", "comm") + 3, comm3.value());
        assertEquals(comm3.value(), instruction(r, comm3).offset());
        assertEquals("struct task_struct.comm[3]", ((CoreRelocationOutcome.Resolved) comm3.outcome()).targetSpec());
        assertResolvedUnchanged(r);
    }

    @Test
    void fieldInfosThroughAnonymousMembersAndArrays() {
        CoreRelocation r = relocate("field_infos");
        long pidOffset = oracle.byteOffset("task_struct", "pid");
        CoreRelocationResult off = result(r, FIELD_BYTE_OFFSET, "struct task_struct.pid");
        assertEquals(pidOffset, off.value());
        assertEquals(pidOffset, instruction(r, off).imm(), "ALU immediate patched");
        assertEquals(4, result(r, FIELD_BYTE_SIZE, "struct task_struct.pid").value());
        assertEquals(1, result(r, FIELD_EXISTS, "struct task_struct.pid").value());
        assertEquals(1, result(r, FIELD_SIGNED, "struct task_struct.pid").value());
        assertEquals(0, result(r, FIELD_SIGNED, "struct task_struct.flags").value());
        assertEquals(kernel.sizeOf(oracle.member("task_struct", "comm").type()),
                result(r, FIELD_BYTE_SIZE, "struct task_struct.comm").value());
        assertEquals(oracle.byteOffset("task_struct", "comm") + 5,
                result(r, FIELD_BYTE_OFFSET, "struct task_struct.comm[5]").value());
        // skb->dev lives two anonymous unions/structs deep.
        assertEquals(oracle.byteOffset("sk_buff", "dev"), result(r, FIELD_BYTE_OFFSET, "struct sk_buff.dev").value());
        assertEquals(oracle.byteOffset("sk_buff", "len"), result(r, FIELD_BYTE_OFFSET, "struct sk_buff.len").value());
        assertResolvedUnchanged(r);
    }

    @Test
    void bitfieldsAgreeWithTheKernelLayoutAndWithClang() {
        CoreRelocation r = relocate("bitfields");
        BtfType.Member fclone = oracle.member("sk_buff", "fclone");
        long bit = oracle.bitOffset("sk_buff", "fclone");
        assertEquals(2, fclone.bitfieldSize());
        // A 2-bit field of a __u8 that does not straddle a byte: read as that one byte.
        assertEquals(bit / 8, result(r, FIELD_BYTE_OFFSET, "struct sk_buff.fclone").value());
        assertEquals(1, result(r, FIELD_BYTE_SIZE, "struct sk_buff.fclone").value());
        assertEquals(64 - (bit % 8 + 2), result(r, FIELD_LSHIFT_U64, "struct sk_buff.fclone").value());
        assertEquals(62, result(r, FIELD_RSHIFT_U64, "struct sk_buff.fclone").value());
        assertEquals(63, result(r, FIELD_RSHIFT_U64, "struct task_struct.sched_migrated").value());
        assertEquals(0, result(r, FIELD_SIGNED, "struct task_struct.sched_migrated").value());
        long migrated = oracle.bitOffset("task_struct", "sched_migrated");
        // unsigned int bitfield: a 4-byte window aligned on 4 bytes.
        assertEquals(64 - (migrated - migrated / 32 * 32 + 1),
                result(r, FIELD_LSHIFT_U64, "struct task_struct.sched_migrated").value());
        // clang may pick a wider window for offset/size/left shift (not checked, as libbpf);
        // the right shift and signedness are never ambiguous.
        for (CoreRelocationResult x : r.results()) {
            if (x.kind() == FIELD_RSHIFT_U64 || x.kind() == FIELD_SIGNED) {
                assertEquals(((CoreRelocationOutcome.Resolved) x.outcome()).localValue(), x.value(), x::toString);
            }
        }
    }

    @Test
    void typesAndEnums() {
        CoreRelocation r = relocate("types_and_enums");
        int taskStruct = oracle.structId("task_struct");
        assertEquals(1, result(r, TYPE_EXISTS, "struct task_struct").value());
        assertEquals(kernel.sizeOf(taskStruct), result(r, TYPE_SIZE, "struct task_struct").value());
        assertEquals(0, result(r, TYPE_EXISTS, "struct bpf4j_no_such_struct").value());
        assertEquals(0, result(r, TYPE_SIZE, "struct bpf4j_no_such_struct").value());
        CoreRelocationResult local = result(r, TYPE_ID_LOCAL, "struct task_struct");
        assertEquals(local.record().typeId(), local.value());
        CoreRelocationResult target = result(r, TYPE_ID_TARGET, "struct task_struct");
        assertEquals(taskStruct, target.value());
        Instruction ld = instruction(r, target);
        assertTrue(ld.isLdImm64());
        assertEquals(taskStruct, ld.constant64());

        int pidType = kernel.findByName("pid_type", BtfKind.ENUM);
        long sid = ((BtfType.Enum) kernel.type(pidType)).values().stream()
                .filter(v -> v.name().equals("PIDTYPE_SID")).findFirst().orElseThrow().value();
        assertEquals(1, result(r, ENUMVAL_EXISTS, "enum pid_type::PIDTYPE_TGID").value());
        assertEquals(sid, result(r, ENUMVAL_VALUE, "enum pid_type::PIDTYPE_SID").value());
        assertEquals(sid, result(r, ENUMVAL_VALUE, "enum pid_type___mine::PIDTYPE_SID___mine").value(),
                "flavored enum and enumerator names match the kernel's");
        assertEquals(0, results(r, ENUMVAL_EXISTS, "enum pid_type___mine::PIDTYPE_NOT_THERE___mine").get(0).value());
        assertEquals(0, result(r, ENUMVAL_EXISTS, "enum bpf4j_local_enum___flavor::BPF4J_NOT_IN_KERNEL").value());
        assertEquals(1, result(r, TYPE_EXISTS, "struct task_struct___old").value());
        assertEquals(0, result(r, TYPE_MATCHES, "struct task_struct___old").value(), "a member the kernel lacks");
        assertEquals(1, result(r, TYPE_MATCHES, "struct task_struct___match").value());
    }

    @Test
    void aMissingEnumeratorPoisonsItsLdImm64AsTwoCalls() {
        ProgramSpec p = TestObjects.program(object, "types_and_enums");
        CoreRelocation r = relocate("types_and_enums");
        CoreRelocationResult value = result(r, ENUMVAL_VALUE, "enum pid_type___mine::PIDTYPE_NOT_THERE___mine");
        assertTrue(value.outcome() instanceof CoreRelocationOutcome.Poisoned, value::toString);
        int index = r.indexOfSlot(value.slot());
        assertTrue(isPoison(r.instructions().get(index)));
        assertTrue(isPoison(r.instructions().get(index + 1)), "the ld_imm64's second slot is poisoned too");
        assertEquals(p.instructions().size() + 1, r.instructions().size());
        // Everything after it is the same instruction at the same slot.
        int originalIndex = p.indexOfSlot(value.slot());
        for (int i = originalIndex + 1; i < p.instructions().size(); i++) {
            assertEquals(p.instructions().get(i), r.instructions().get(r.indexOfSlot(p.slotOf(i))));
        }
        assertEquals(1, r.poisoned().size());
    }

    @Test
    void flavorsExistOrPoisonAndLoadsChangeWidth() {
        CoreRelocation r = relocate("flavors");
        assertEquals(0, result(r, FIELD_EXISTS, "struct task_struct___old.no_such_field_in_any_kernel").value());
        assertEquals(1, result(r, FIELD_EXISTS, "struct task_struct___old.pid").value());
        CoreRelocationResult pid = result(r, FIELD_BYTE_OFFSET, "struct task_struct___old.pid");
        assertEquals(oracle.byteOffset("task_struct", "pid"), pid.value(), "the flavor relocates to task_struct");
        assertEquals("struct task_struct.pid", ((CoreRelocationOutcome.Resolved) pid.outcome()).targetSpec());
        CoreRelocationResult missing = result(r, FIELD_BYTE_OFFSET, "struct task_struct___old.no_such_field_in_any_kernel");
        assertTrue(missing.outcome() instanceof CoreRelocationOutcome.Poisoned, missing::toString);
        assertTrue(isPoison(instruction(r, missing)));

        // u16 locally, unsigned int in the kernel: zero extension keeps the value, the load widens.
        CoreRelocationResult flags = result(r, FIELD_BYTE_OFFSET, "struct task_struct___narrow.flags");
        assertEquals(oracle.byteOffset("task_struct", "flags"), flags.value());
        Instruction widened = instruction(r, flags);
        assertEquals(Opcodes.BPF_LDX | Opcodes.BPF_MEM | Opcodes.BPF_W, widened.opcode());
        assertEquals(flags.value(), widened.offset());
        // short locally, int (signed) in the kernel: a narrower load would read a wrong value.
        CoreRelocationResult narrowPid = result(r, FIELD_BYTE_OFFSET, "struct task_struct___narrow.pid");
        assertTrue(narrowPid.outcome() instanceof CoreRelocationOutcome.Poisoned, narrowPid::toString);
        assertTrue(isPoison(instruction(r, narrowPid)));
        assertEquals(2, r.poisoned().size());
    }

    @Test
    void aTypeNoKernelHasPoisonsFieldOffsets() {
        CoreRelocation r = relocate("ambiguous");
        CoreRelocationResult y = result(r, FIELD_BYTE_OFFSET, "struct bpf4j_amb.y");
        assertEquals("poisoned: no field matching struct bpf4j_amb.y in the target", y.outcome().toString());
    }

    @Test
    void everyProgramRelocatesAndTheInputIsUntouched() {
        for (ProgramSpec p : object.programs()) {
            var before = p.instructions();
            CoreRelocation r = relocator.relocate(p, TestObjects.btf(object));
            assertEquals(p.name(), r.programName());
            assertEquals(before, p.instructions());
            for (CoreRelocationResult x : r.results()) {
                Instruction insn = instruction(r, x);
                assertEquals(x.resolved(), !isPoison(insn), x::toString);
            }
        }
    }

    @Test
    void theSameRelocatorGivesTheSameAnswerTwice() {
        ProgramSpec p = TestObjects.program(object, "field_infos");
        CoreRelocation a = relocator.relocate(p, TestObjects.btf(object));
        CoreRelocation b = CoreRelocator.against(kernel).relocate(p, TestObjects.btf(object));
        assertEquals(a, b);
        assertTrue(a.results().stream().map(CoreRelocationResult::kind).anyMatch(k -> k == CoreRelocationKind.FIELD_SIGNED));
    }
}
