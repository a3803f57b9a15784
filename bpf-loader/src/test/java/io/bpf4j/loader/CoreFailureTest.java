package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.syscall.BpfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CO-RE relocation that cannot resolve poisons its instruction; when the verifier reaches it,
 * the load fails with a message that names the relocation and its source line, and the verifier
 * log says so at the poisoned instruction. Guarded by {@code bpf_core_field_exists}, the same
 * relocation is dead code and the program loads. Expected values come from the object file (its
 * relocation records, BTF and instructions), the C source and the kernel's BTF, not from the
 * relocator.
 */
class CoreFailureTest {
    private static final String OBJECT = "/META-INF/bpf/core_poison.bpf.o";
    private static final String MISSING = "bpf4j_no_such_field";
    private static final String UNGUARDED_READ = "return BPF_CORE_READ(t, bpf4j_no_such_field) == 7;";

    @Test
    void guardedLoadsUnguardedFailsNamingTheRelocationAndLeaksNothing() throws IOException {
        assertTrue(Btf.kernel().findByName("task_struct", BtfKind.STRUCT) > 0);
        BtfType.Struct kernelTask = (BtfType.Struct) Btf.kernel().type(Btf.kernel().findByName("task_struct", BtfKind.STRUCT));
        assertFalse(kernelTask.members().stream().anyMatch(m -> m.name().equals(MISSING)),
                "this kernel must not have the field the test pretends is missing");

        // Guarded: loads and runs (pid of the running thread is not 0 -> 3); also warms up the
        // process (native library, kernel BTF) before the fd snapshot.
        try (BpfObject obj = BpfObject.openResource(CoreFailureTest.class, OBJECT)) {
            assertFalse(obj.program("unguarded").autoLoad(), "'?' section: not loaded unless asked");
            obj.load();
            assertEquals(3, obj.program("guarded").testRun(null, new byte[8]).retval());
            assertEquals(1L, obj.bss().getLong("seen"));
        }

        ObjectSpec spec = ObjectSpec.parse(resource(), "core_poison.bpf.o");
        ProgramSpec unguarded = spec.program("unguarded").orElseThrow();
        CoreRelocationRecord missing = unguarded.coreRelocations().stream()
                .filter(r -> r.kind() == CoreRelocationKind.FIELD_BYTE_OFFSET && r.accessString().equals("0:1"))
                .findFirst().orElseThrow();
        int slot = missing.insnOffset() / 8;
        assertNotEquals(slot, listIndexOfSlot(unguarded.instructions(), slot),
                "an ld_imm64 before the relocation makes slots and list indexes differ");
        int localTypeId = spec.btf().orElseThrow().findByName("task_struct___bpf4j", BtfKind.STRUCT);
        assertEquals(missing.typeId(), localTypeId);
        int sourceLine = lineOf(UNGUARDED_READ);

        Map<Integer, String> before = OpenFds.snapshot();
        try (BpfObject obj = BpfObject.openResource(CoreFailureTest.class, OBJECT)) {
            obj.program("unguarded").setAutoLoad(true);
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertEquals("EINVAL", e.errnoName());
            // int pid at 0, then a long aligned to 8: the field's local offset is 8.
            String relocation = "failed to resolve CO-RE relocation <byte_off> [" + localTypeId
                    + "] struct task_struct___bpf4j." + MISSING + " (0:1 @ offset 8)";
            assertTrue(e.getMessage().contains("program 'unguarded' in core_poison"), e.getMessage());
            assertTrue(e.getMessage().contains("instruction " + slot + ": " + relocation), e.getMessage());
            assertTrue(e.getMessage().contains("core_poison.bpf.c:" + sourceLine + ": " + UNGUARDED_READ), e.getMessage());

            BpfException kernel = (BpfException) e.getCause();
            List<String> original = kernel.log().orElseThrow().lines().toList();
            List<String> rewritten = e.log().orElseThrow().lines().toList();
            int at = original.indexOf(slot + ": (85) call unknown#195896080");
            assertTrue(at > 0, "the kernel reached the poisoned instruction at slot " + slot + ": " + original);
            assertEquals("invalid func unknown#195896080", original.get(at + 1));
            assertEquals(original.size(), rewritten.size());
            assertEquals(slot + ": <invalid CO-RE relocation>", rewritten.get(at));
            assertEquals(relocation, rewritten.get(at + 1));
            for (int i = 0; i < original.size(); i++) {
                if (i != at && i != at + 1) {
                    assertEquals(original.get(i), rewritten.get(i), "only the poisoned instruction's lines change");
                }
            }
            assertFalse(obj.isLoaded());
            assertFalse(obj.program("guarded").isLoaded(), "the program loaded before the failure is closed");
        }
        assertEquals(before, OpenFds.snapshot());
    }

    @Test
    void otherRejectionsAreNotRewritten() {
        // verifier_reject.bpf.o has no CO-RE relocation: its failure passes through untouched.
        try (BpfObject obj = BpfObject.openResource(CoreFailureTest.class, "/META-INF/bpf/verifier_reject.bpf.o")) {
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertSame(null, e.getCause());
            assertFalse(e.log().orElseThrow().contains("CO-RE"));
        }
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = CoreFailureTest.class.getResourceAsStream(OBJECT)) {
            return in.readAllBytes();
        }
    }

    /** The list index of the instruction at a slot, counting an ld_imm64 as two slots. */
    private static int listIndexOfSlot(List<Instruction> insns, int slot) {
        int s = 0;
        for (int i = 0; i < insns.size(); i++) {
            if (s == slot) {
                return i;
            }
            s += insns.get(i).slots();
        }
        throw new AssertionError("no instruction at slot " + slot);
    }

    /** The 1-based line of the C source that holds a text (its first occurrence). */
    private static int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/bpf/core_poison.bpf.c"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the source");
    }
}
