package io.bpf4j.core;

import static io.bpf4j.btf.CoreRelocationKind.ENUMVAL_EXISTS;
import static io.bpf4j.btf.CoreRelocationKind.ENUMVAL_VALUE;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_OFFSET;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_SIZE;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_EXISTS;
import static io.bpf4j.btf.CoreRelocationKind.FIELD_LSHIFT_U64;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_ID_TARGET;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_MATCHES;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_SIZE;
import static io.bpf4j.core.TestObjects.instruction;
import static io.bpf4j.core.TestObjects.isPoison;
import static io.bpf4j.core.TestObjects.result;
import static io.bpf4j.core.TestObjects.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relocates core_reloc.bpf.o against the BTF of fake_kernel.bpf.o, a "kernel" whose
 * task_struct puts pid and comm inside an anonymous struct at other offsets: the offline use,
 * no kernel involved. Every value must move to the fake layout.
 */
class OfflineRelocationTest {
    private static ObjectSpec object;
    private static Btf fake;
    private static BtfOracle oracle;
    private static CoreRelocator relocator;

    @BeforeAll
    static void setUp() {
        object = TestObjects.object("core_reloc");
        fake = TestObjects.btf(TestObjects.object("fake_kernel"));
        oracle = new BtfOracle(fake);
        relocator = CoreRelocator.against(fake);
    }

    private static CoreRelocation relocate(String program) {
        ProgramSpec p = TestObjects.program(object, program);
        return relocator.relocate(p, TestObjects.btf(object));
    }

    @Test
    void offsetsMoveToTheOtherLayout() {
        CoreRelocation r = relocate("field_loads");
        CoreRelocationResult pid = result(r, FIELD_BYTE_OFFSET, "struct task_struct.pid");
        assertEquals(16, oracle.byteOffset("task_struct", "pid"));
        assertEquals(16, pid.value());
        assertEquals(16, instruction(r, pid).offset());
        CoreRelocationOutcome.Resolved res = (CoreRelocationOutcome.Resolved) pid.outcome();
        assertNotEquals(res.localValue(), res.value(), "the compiler's offset is the real kernel's, not the fake's");
        for (CoreRelocationResult tgid : results(r, FIELD_BYTE_OFFSET, "struct task_struct.tgid")) {
            assertEquals(12, tgid.value());
            assertEquals(12, instruction(r, tgid).offset());
        }
        assertEquals(oracle.byteOffset("task_struct", "comm") + 3,
                result(r, FIELD_BYTE_OFFSET, "struct task_struct.comm[3]").value());
        assertEquals(oracle.byteOffset("task_struct", "real_parent"),
                results(r, FIELD_BYTE_OFFSET, "struct task_struct.real_parent").get(0).value());
    }

    @Test
    void sizesExistenceAndMissingTypes() {
        CoreRelocation r = relocate("field_infos");
        assertEquals(8, result(r, FIELD_BYTE_SIZE, "struct task_struct.comm").value(), "char comm[8] in the fake");
        assertEquals(20 + 5, result(r, FIELD_BYTE_OFFSET, "struct task_struct.comm[5]").value());
        // The fake has no sk_buff: offsets of its fields cannot be given.
        CoreRelocationResult dev = result(r, FIELD_BYTE_OFFSET, "struct sk_buff.dev");
        assertTrue(isPoison(instruction(r, dev)), dev::toString);
        assertEquals(2, r.poisoned().size());
    }

    @Test
    void bitfieldsOfTheFake() {
        CoreRelocation r = relocate("bitfields");
        long bit = oracle.bitOffset("task_struct", "sched_migrated");
        assertEquals(322, bit);
        assertEquals(64 - (bit - 320 + 1), result(r, FIELD_LSHIFT_U64, "struct task_struct.sched_migrated").value());
    }

    @Test
    void typesAndEnumsOfTheFake() {
        CoreRelocation r = relocate("types_and_enums");
        int taskStruct = fake.findByName("task_struct", BtfKind.STRUCT);
        assertEquals(fake.sizeOf(taskStruct), result(r, TYPE_SIZE, "struct task_struct").value());
        assertEquals(taskStruct, result(r, TYPE_ID_TARGET, "struct task_struct").value());
        assertEquals(0, result(r, ENUMVAL_EXISTS, "enum pid_type::PIDTYPE_TGID").value(), "the fake lacks PIDTYPE_TGID");
        assertEquals(10, result(r, ENUMVAL_VALUE, "enum pid_type::PIDTYPE_SID").value());
        assertEquals(10, instruction(r, result(r, ENUMVAL_VALUE, "enum pid_type::PIDTYPE_SID")).constant64());
        // The fake's pid is inside an anonymous struct: TYPE_MATCHES wants top-level members.
        assertEquals(0, result(r, TYPE_MATCHES, "struct task_struct___match").value());
    }

    @Test
    void aFieldOnlyTheFakeHasIsFound() {
        CoreRelocation r = relocate("flavors");
        assertEquals(1, result(r, FIELD_EXISTS, "struct task_struct___old.no_such_field_in_any_kernel").value());
        assertEquals(oracle.byteOffset("task_struct", "no_such_field_in_any_kernel"),
                result(r, FIELD_BYTE_OFFSET, "struct task_struct___old.no_such_field_in_any_kernel").value());
    }

    @Test
    void twoCandidatesWithDifferentOffsetsAreAnAmbiguity() {
        ProgramSpec p = TestObjects.program(object, "ambiguous");
        CoreRelocationException e = assertThrows(CoreRelocationException.class,
                () -> relocator.relocate(p, TestObjects.btf(object)));
        assertEquals("ambiguous", e.programName());
        assertEquals(p.coreRelocations().get(0).insnOffset() / 8, e.slot());
        assertTrue(e.reason().startsWith("field offset ambiguity"), e.getMessage());
        assertTrue(e.getMessage().startsWith("prog 'ambiguous': CO-RE relocation #0 (FIELD_BYTE_OFFSET"), e.getMessage());
        assertTrue(e.getMessage().contains("bpf4j_amb___a") && e.getMessage().contains("bpf4j_amb___b"), e.getMessage());
    }
}
