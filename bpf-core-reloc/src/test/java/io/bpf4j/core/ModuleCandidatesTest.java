package io.bpf4j.core;

import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_OFFSET;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_ID_TARGET;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_SIZE;
import static io.bpf4j.core.TestObjects.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfBuilder;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.object.ObjectSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candidates from kernel modules, offline: the fake kernel's BTF plays vmlinux, and two split
 * BTFs built over it play modules. As libbpf's {@code bpf_core_find_cands}: vmlinux first; the
 * modules' own types only for a local type without any candidate in vmlinux; a module's type
 * relocates to the module's layout and ids.
 */
class ModuleCandidatesTest {
    private static ObjectSpec object;
    private static Btf vmlinux;
    private static Btf modA;
    private static Btf modB;
    private static int modOnlyId;

    @BeforeAll
    static void setUp() {
        object = TestObjects.object("module_candidates");
        vmlinux = TestObjects.btf(TestObjects.object("fake_kernel"));
        int intId = vmlinux.findByName("int", BtfKind.INT);
        assertTrue(intId > 0, "the fake kernel has int");
        BtfBuilder a = BtfBuilder.createSplit(vmlinux);
        // b at byte 8 (the compiler's layout has it at 4).
        modOnlyId = a.add(new BtfType.Struct(0, "bpf4j_mod_only", 16, List.of(
                new BtfType.Member("a", intId, 0, 0), new BtfType.Member("b", intId, 64, 0))));
        a.add(new BtfType.Struct(0, "task_struct", 4, List.of(new BtfType.Member("pid", intId, 0, 0))));
        a.add(new BtfType.Struct(0, "bpf4j_two_mods", 4, List.of(new BtfType.Member("b", intId, 0, 0))));
        modA = a.build("mod_a BTF");
        BtfBuilder b = BtfBuilder.createSplit(vmlinux);
        b.add(new BtfType.Struct(0, "bpf4j_two_mods", 8, List.of(
                new BtfType.Member("x", intId, 0, 0), new BtfType.Member("b", intId, 32, 0))));
        modB = b.build("mod_b BTF");
    }

    private static Map<String, Btf> modules() {
        Map<String, Btf> m = new LinkedHashMap<>();
        m.put("mod_a", modA);
        m.put("mod_b", modB);
        return m;
    }

    private static CoreRelocation relocate(CoreRelocator relocator, String program) {
        return relocator.relocate(TestObjects.program(object, program), TestObjects.btf(object));
    }

    @Test
    void aTypeOnlyAModuleHasRelocatesToTheModule() {
        CoreRelocation r = relocate(CoreRelocator.against(vmlinux, modules()), "mod_only");
        CoreRelocationResult b = result(r, FIELD_BYTE_OFFSET, "struct bpf4j_mod_only.b");
        assertEquals(8, b.value());
        assertTrue(((CoreRelocationOutcome.Resolved) b.outcome()).targetSpec().endsWith("(module mod_a)"), b.toString());
        assertEquals(modOnlyId, result(r, TYPE_ID_TARGET, "struct bpf4j_mod_only").value(), "the module's type id");
        assertTrue(modOnlyId >= modA.firstTypeId());
        assertEquals(16, result(r, TYPE_SIZE, "struct bpf4j_mod_only").value());
    }

    @Test
    void vmlinuxCandidatesWinOverModules() {
        CoreRelocation r = relocate(CoreRelocator.against(vmlinux, modules()), "mod_only");
        // The fake kernel's task_struct has pid at 16; mod_a's at 0 is never looked at.
        assertEquals(16, result(r, FIELD_BYTE_OFFSET, "struct task_struct___m.pid").value());
    }

    @Test
    void modulesAreReadOnlyWhenVmlinuxHasNoCandidate() {
        AtomicInteger asked = new AtomicInteger();
        CoreRelocator lazy = CoreRelocator.against(vmlinux, () -> {
            asked.incrementAndGet();
            return modules();
        });
        assertEquals(16, result(relocate(lazy, "vmlinux_only"), FIELD_BYTE_OFFSET, "struct task_struct___m.pid").value());
        assertEquals(0, asked.get(), "no module needed");
        assertEquals(8, result(relocate(lazy, "mod_only"), FIELD_BYTE_OFFSET, "struct bpf4j_mod_only.b").value());
        relocate(lazy, "mod_only");
        assertEquals(1, asked.get(), "modules asked for once");
    }

    @Test
    void withoutModulesTheModuleTypeIsMissing() {
        CoreRelocation r = relocate(CoreRelocator.against(vmlinux), "mod_only");
        assertTrue(result(r, FIELD_BYTE_OFFSET, "struct bpf4j_mod_only.b").outcome()
                instanceof CoreRelocationOutcome.Poisoned, r.results().toString());
    }

    @Test
    void differentLayoutsInTwoModulesAreAmbiguous() {
        CoreRelocationException e = assertThrows(CoreRelocationException.class,
                () -> relocate(CoreRelocator.against(vmlinux, modules()), "two_modules"));
        assertTrue(e.getMessage().contains("ambiguity"), e.getMessage());
    }

    @Test
    void moduleBtfMustBeSplitOverVmlinux() {
        Map<String, Btf> wrong = Map.of("mod_a", BtfBuilder.createSplit(modA).build());
        assertThrows(IllegalArgumentException.class, () -> CoreRelocator.against(vmlinux, wrong));
    }

    @Test
    void theOfflineReportSeesModules() {
        CoreReport report = CoreReport.of(object, vmlinux, modules());
        assertTrue(report.targetOrigin().contains("mod_a"), report.targetOrigin());
        String text = report.program("mod_only").orElseThrow().toString();
        assertTrue(text.contains("module mod_a") || report.toString().contains("module mod_a"), report.toString());
    }
}
