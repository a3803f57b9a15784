package io.bpf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.elf.object.ExternKind;
import io.bpf4j.elf.object.ObjectSpec;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline report of one object against two BTFs: this kernel's (which the object's vmlinux.h
 * was generated from, so nothing moves) and fake_kernel.bpf.o's (a different layout, so offsets,
 * enum values and sizes move, a type becomes ambiguous and kernel symbols go missing).
 */
class CoreReportTest {
    private static ObjectSpec reportObject;
    private static ObjectSpec relocObject;
    private static Btf fake;

    @BeforeAll
    static void setUp() {
        reportObject = TestObjects.object("core_report");
        relocObject = TestObjects.object("core_reloc");
        fake = TestObjects.btf(TestObjects.object("fake_kernel"));
    }

    private static Btf kernel() {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "no kernel BTF at " + Btf.KERNEL_BTF);
        return Btf.kernel();
    }

    private static RelocationReport only(ProgramReport p, CoreRelocationKind kind, String localSpec) {
        List<RelocationReport> found = p.relocations().stream()
                .filter(r -> r.kind() == kind && r.localSpec().equals(localSpec)).toList();
        assertEquals(1, found.size(), () -> kind + " " + localSpec + " in " + p.relocations());
        return found.get(0);
    }

    private static Map<String, ExternReport> externs(CoreReport report) {
        return report.externs().stream().collect(Collectors.toMap(ExternReport::name, Function.identity()));
    }

    @Test
    void againstTheKernelItWasCompiledForNothingMoves() {
        CoreReport report = CoreReport.of(reportObject, kernel());
        ProgramReport p = report.program("report").orElseThrow();
        assertFalse(p.relocations().isEmpty());
        for (RelocationReport r : p.relocations()) {
            assertEquals(RelocationStatus.RESOLVED, r.status(), r.toString());
            assertEquals(r.localValue(), r.value(), r.toString());
        }
        BtfOracle oracle = new BtfOracle(Btf.kernel());
        assertEquals(oracle.byteOffset("task_struct", "pid"), only(p, CoreRelocationKind.FIELD_BYTE_OFFSET, "struct task_struct.pid").value());
        assertEquals(oracle.byteOffset("task_struct", "comm"), only(p, CoreRelocationKind.FIELD_BYTE_OFFSET, "struct task_struct.comm").value());
    }

    @Test
    void againstAnotherLayoutTheValuesAreThatLayouts() {
        ProgramReport onKernel = CoreReport.of(reportObject, kernel()).program("report").orElseThrow();
        ProgramReport onFake = CoreReport.of(reportObject, fake).program("report").orElseThrow();
        BtfOracle oracle = new BtfOracle(fake);
        // fake task_struct: long pad0; u32 flags; pid_t tgid; struct { pid_t pid; char comm[8]; }; ...
        RelocationReport pid = only(onFake, CoreRelocationKind.FIELD_BYTE_OFFSET, "struct task_struct.pid");
        assertEquals(oracle.byteOffset("task_struct", "pid"), pid.value());
        assertEquals(16, pid.value());
        assertTrue(pid.changed());
        RelocationReport comm = only(onFake, CoreRelocationKind.FIELD_BYTE_OFFSET, "struct task_struct.comm");
        assertEquals(20, comm.value());
        RelocationReport sid = only(onFake, CoreRelocationKind.ENUMVAL_VALUE, "enum pid_type::PIDTYPE_SID");
        assertEquals(10, sid.value());
        RelocationReport size = only(onFake, CoreRelocationKind.TYPE_SIZE, "struct task_struct");
        assertEquals(fake.sizeOf(fake.findByName("task_struct", BtfKind.STRUCT)), size.value());
        for (RelocationReport r : List.of(pid, comm, sid, size)) {
            RelocationReport k = onKernel.relocations().stream()
                    .filter(x -> x.slot() == r.slot() && x.kind() == r.kind()).findFirst().orElseThrow();
            assertNotEquals(k.value(), r.value(), "the two targets differ at " + r);
        }
    }

    @Test
    void ambiguityOnOneTargetIsPoisonOnTheOther() {
        ProgramReport onFake = CoreReport.of(relocObject, fake).program("ambiguous").orElseThrow();
        assertEquals(RelocationStatus.AMBIGUOUS, onFake.relocations().get(0).status(), onFake.toString());
        assertTrue(onFake.relocations().get(0).detail().contains("ambiguity"));
        assertFalse(onFake.relocatable());
        ProgramReport onKernel = CoreReport.of(relocObject, kernel()).program("ambiguous").orElseThrow();
        assertEquals(RelocationStatus.POISONED, onKernel.relocations().get(0).status(), onKernel.toString());
        assertTrue(onKernel.relocatable());
    }

    @Test
    void theReportGoesOnPastAnAmbiguousRelocation() {
        // Every program of core_reloc is reported against the fake, each with one entry per record.
        CoreReport report = CoreReport.of(relocObject, fake);
        assertEquals(relocObject.programs().size(), report.programs().size());
        for (ProgramReport p : report.programs()) {
            int records = relocObject.program(p.name()).orElseThrow().coreRelocations().size();
            assertEquals(records, p.relocations().size(), p.name());
        }
    }

    @Test
    void typedKsymsAndKfuncsAreLookedUpInTheTarget() {
        Map<String, ExternReport> onKernel = externs(CoreReport.of(reportObject, kernel()));
        Btf k = Btf.kernel();
        assertEquals(ExternStatus.FOUND, onKernel.get("bpf_prog_active").status());
        BtfType var = k.type(onKernel.get("bpf_prog_active").targetTypeId());
        assertEquals(BtfKind.VAR, k.kind(onKernel.get("bpf_prog_active").targetTypeId()), var.toString());
        assertEquals(ExternStatus.FOUND, onKernel.get("bpf_task_acquire").status());
        assertEquals("bpf_task_acquire", k.name(onKernel.get("bpf_task_acquire").targetTypeId()));
        assertEquals(ExternKind.FUNCTION, onKernel.get("bpf_task_acquire").kind());
        assertEquals(ExternStatus.MISSING, onKernel.get("bpf4j_no_such_kfunc").status());
        assertFalse(onKernel.get("bpf4j_no_such_kfunc").fatal(), "weak");
        assertEquals(ExternStatus.RESOLVED_AT_LOAD, onKernel.get("LINUX_KERNEL_VERSION").status());
        assertEquals(ExternKind.KCONFIG, onKernel.get("LINUX_KERNEL_VERSION").kind());
        assertEquals(ExternStatus.RESOLVED_AT_LOAD, onKernel.get("bpf4j_untyped_symbol").status());

        Map<String, ExternReport> onFake = externs(CoreReport.of(reportObject, fake));
        assertEquals(ExternStatus.MISSING, onFake.get("bpf_prog_active").status());
        assertTrue(onFake.get("bpf_prog_active").fatal(), "not weak");
        assertEquals(ExternStatus.MISSING, onFake.get("bpf_task_acquire").status());
        assertFalse(onFake.get("bpf_task_acquire").fatal());
    }

    @Test
    void formatIsATableWithOneLinePerRelocationAndExtern() {
        CoreReport report = CoreReport.of(reportObject, fake);
        String text = report.format();
        assertTrue(text.startsWith("CO-RE report: core_report against "), text);
        ProgramReport p = report.program("report").orElseThrow();
        long lines = text.lines().filter(l -> l.trim().startsWith("#")).count();
        assertEquals(p.relocations().size(), lines, text);
        assertTrue(text.contains("ENUMVAL_VALUE"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("bpf_prog_active") && l.contains("MISSING")), text);
        assertEquals(text, report.toString());
    }
}
