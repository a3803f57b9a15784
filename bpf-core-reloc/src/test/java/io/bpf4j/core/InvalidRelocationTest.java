package io.bpf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invalid relocations end in one CoreRelocationException naming the program, the instruction
 * and the record. The records are the real ones of field_infos, altered one field at a time;
 * the target is the fake kernel's BTF so the test needs no kernel.
 */
class InvalidRelocationTest {
    private static ObjectSpec object;
    private static ProgramSpec program;
    private static Btf local;
    private static CoreRelocator relocator;
    private static CoreRelocationRecord pidOffset;

    @BeforeAll
    static void setUp() {
        object = TestObjects.object("core_reloc");
        program = TestObjects.program(object, "field_infos");
        local = TestObjects.btf(object);
        relocator = CoreRelocator.against(TestObjects.btf(TestObjects.object("fake_kernel")));
        pidOffset = program.coreRelocations().get(0);
        assertEquals(CoreRelocationKind.FIELD_BYTE_OFFSET, pidOffset.kind());
    }

    private static CoreRelocationException fails(CoreRelocationRecord record) {
        return assertThrows(CoreRelocationException.class,
                () -> relocator.relocate(program.name(), program.instructions(), List.of(record), local));
    }

    private static CoreRelocationRecord with(String access) {
        return new CoreRelocationRecord(pidOffset.insnOffset(), pidOffset.typeId(), access, pidOffset.kind());
    }

    @Test
    void malformedAccessStrings() {
        for (String access : List.of("", ":0", "0:x", "0::1", "0:-1", "0:1:", " 0", "0:99999999999")) {
            CoreRelocationException e = fails(with(access));
            assertTrue(e.reason().startsWith("malformed access string"), e.getMessage());
            assertEquals("field_infos", e.programName());
            assertEquals(pidOffset.insnOffset() / 8, e.slot());
            assertEquals(0, e.relocationIndex());
        }
    }

    @Test
    void stepsOutsideTheTypes() {
        assertTrue(fails(with("0:65000")).reason().contains("member index 65000 at step 1 is out of range"));
        CoreRelocationRecord comm5 = program.coreRelocations().stream()
                .filter(r -> r.accessString().split(":").length == 3).findFirst().orElseThrow();
        String outOfBounds = comm5.accessString().substring(0, comm5.accessString().lastIndexOf(':')) + ":16";
        CoreRelocationException e = fails(new CoreRelocationRecord(comm5.insnOffset(), comm5.typeId(), outOfBounds, comm5.kind()));
        assertTrue(e.reason().contains("array index 16 at step 2 is out of bounds (16 elements)"), e.getMessage());
        // pid is an int: there is nothing to step into.
        assertTrue(fails(with(pidOffset.accessString() + ":0")).reason().contains("neither struct, union nor array"));
    }

    @Test
    void typeIdOutOfRange() {
        CoreRelocationException e = fails(new CoreRelocationRecord(pidOffset.insnOffset(), local.typeCount() + 7, "0:1",
                CoreRelocationKind.FIELD_BYTE_OFFSET));
        assertTrue(e.reason().contains("type id " + (local.typeCount() + 7) + " is out of range"), e.getMessage());
    }

    @Test
    void typeAndEnumRelocationsCheckTheirShape() {
        assertTrue(fails(new CoreRelocationRecord(pidOffset.insnOffset(), pidOffset.typeId(), "0:1", CoreRelocationKind.TYPE_SIZE))
                .reason().contains("must be \"0\""));
        assertTrue(fails(new CoreRelocationRecord(pidOffset.insnOffset(), pidOffset.typeId(), "0", CoreRelocationKind.ENUMVAL_VALUE))
                .reason().startsWith("enum relocation needs an enum"));
    }

    @Test
    void offsetsThatAreNotInstructions() {
        int pastEnd = program.slotCount() * 8;
        for (int offset : List.of(-8, 3, pastEnd)) {
            CoreRelocationException e = fails(new CoreRelocationRecord(offset, pidOffset.typeId(), pidOffset.accessString(),
                    pidOffset.kind()));
            assertEquals(-1, e.slot());
            assertTrue(e.getMessage().contains("byte offset " + offset), e.getMessage());
        }
        // The second half of an ld_imm64 is not an instruction either.
        int ldImm64 = 0;
        while (!program.instructions().get(ldImm64).isLdImm64()) {
            ldImm64++;
        }
        int secondHalf = (program.slotOf(ldImm64) + 1) * 8;
        assertEquals(-1, fails(new CoreRelocationRecord(secondHalf, pidOffset.typeId(), pidOffset.accessString(),
                pidOffset.kind())).slot());
    }

    @Test
    void theInstructionMustHoldTheLocalValue() {
        // Point the pid-offset record at the instruction of the pid-size record (r1 = 4).
        CoreRelocationRecord size = program.coreRelocations().get(1);
        assertEquals(CoreRelocationKind.FIELD_BYTE_SIZE, size.kind());
        CoreRelocationException e = fails(new CoreRelocationRecord(size.insnOffset(), pidOffset.typeId(),
                pidOffset.accessString(), pidOffset.kind()));
        assertTrue(e.reason().startsWith("unexpected ALU/ALU64 value: got 4, expected "), e.getMessage());
        assertEquals(size.insnOffset() / 8, e.slot());
        // A store of the result is not a form a relocation can patch either: wrong offset.
        int store = program.slotOf(program.indexOfSlot(size.insnOffset() / 8) + 1);
        assertTrue(fails(new CoreRelocationRecord(store * 8, pidOffset.typeId(), pidOffset.accessString(), pidOffset.kind()))
                .reason().startsWith("unexpected LDX/ST/STX value"));
        int exit = program.slotCount() - 1;
        assertTrue(fails(new CoreRelocationRecord(exit * 8, pidOffset.typeId(), pidOffset.accessString(), pidOffset.kind()))
                .reason().startsWith("cannot relocate instruction"));
    }

    @Test
    void anonymousRootTypesCannotBeLookedUp() {
        int anon = -1;
        for (int id = 1; id < local.typeCount() && anon < 0; id++) {
            if (local.kind(id) == BtfKind.UNION && local.name(id).isEmpty()
                    && !((BtfType.Union) local.type(id)).members().isEmpty()) {
                anon = id;
            }
        }
        assertTrue(anon > 0, "sk_buff's anonymous unions are in the object's BTF");
        CoreRelocationException e = fails(new CoreRelocationRecord(pidOffset.insnOffset(), anon, "0:0",
                CoreRelocationKind.FIELD_BYTE_OFFSET));
        assertTrue(e.reason().startsWith("CO-RE cannot relocate an anonymous type"), e.getMessage());
    }

    @Test
    void noRecordsLeaveTheProgramAsItIs() {
        CoreRelocation r = relocator.relocate(program.name(), program.instructions(), List.of(), local);
        assertEquals(program.instructions(), r.instructions());
        assertTrue(r.results().isEmpty());
    }
}
