package io.bpf4j.elf.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.TestObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The object model beyond programs and BTF maps: section names, functions, externs, legacy maps, struct_ops. */
class ObjectModelTest {

    private static ObjectSpec open(String name) {
        return ObjectSpec.parse(TestObjects.bytes(name), name + ".bpf.o");
    }

    @Test
    void sectionNamesParseIntoLibbpfsDefinitions() {
        ProgramSection s = ProgramSection.parse("?fentry.s/do_unlinkat");
        assertFalse(s.autoLoad());
        assertEquals("fentry.s/do_unlinkat", s.name());
        assertEquals("fentry.s", s.kind());
        assertEquals("do_unlinkat", s.target());
        assertTrue(s.sleepable());
        assertEquals("fentry.s+", s.definition().orElseThrow().pattern());
        assertEquals(26, s.programType()); // BPF_PROG_TYPE_TRACING
        assertEquals("BPF_TRACE_FENTRY", s.definition().orElseThrow().expectedAttachTypeName());
        assertEquals(24, s.definition().orElseThrow().expectedAttachType());
        assertTrue(s.definition().orElseThrow().flags().contains(SectionFlag.ATTACH_BTF));
        assertTrue(s.autoAttach());

        ProgramSection multi = ProgramSection.parse("kretprobe.multi/vfs_*");
        assertTrue(multi.multi() && multi.returnProbe() && !multi.sleepable());
        assertEquals("BPF_TRACE_KPROBE_MULTI", multi.definition().orElseThrow().expectedAttachTypeName());

        // '+' patterns: exact or followed by '/'; plain patterns: exact only; first match wins.
        assertEquals("kprobe+", SectionTable.find("kprobe").orElseThrow().pattern());
        assertEquals(Optional.empty(), SectionTable.find("kprobex/foo"));
        assertEquals(Optional.empty(), SectionTable.find("xdp/foo"));
        assertEquals("xdp.frags/devmap", SectionTable.find("xdp.frags/devmap").orElseThrow().pattern());
        assertEquals("BPF_CGROUP_INET_INGRESS", SectionTable.find("cgroup_skb/ingress").orElseThrow()
                .expectedAttachTypeName());
        assertTrue(SectionTable.find("cgroup_skb/ingress").orElseThrow().hasExpectedAttachType());
        assertFalse(SectionTable.find("tp/syscalls/x").orElseThrow().hasExpectedAttachType());
        assertTrue(SectionTable.find("syscall").orElseThrow().sleepable());
        assertFalse(SectionTable.find("xdp").orElseThrow().autoAttach());
        assertEquals("BPF_PROG_TYPE_STRUCT_OPS", SectionTable.find("struct_ops.s/x").orElseThrow().programTypeName());
        assertTrue(SectionTable.definitions().size() > 100);
        assertFalse(ProgramSection.parse("my_custom_section").known());
    }

    @Test
    void programsFunctionsAndSectionsOfARealObject() {
        ObjectSpec spec = open("sections");
        Map<String, ProgramSpec> programs = spec.programs().stream()
                .collect(Collectors.toMap(ProgramSpec::name, p -> p));
        assertEquals(Set.of("optional_prog", "sleepable_prog", "multi_prog", "first_in_section", "second_in_section",
                "weak_prog", "unknown_section_prog"), programs.keySet());
        assertFalse(programs.get("optional_prog").autoLoad());
        assertFalse(programs.get("optional_prog").section().autoLoad());
        assertTrue(programs.get("sleepable_prog").section().sleepable());
        assertTrue(programs.get("multi_prog").section().multi());
        assertTrue(programs.get("weak_prog").section().xdpFrags());
        assertEquals(0, programs.get("unknown_section_prog").section().programType());
        assertEquals("tp_btf/sched_switch", programs.get("second_in_section").sectionName());
        // The static helper of the program section is linked into both programs of that section.
        for (String p : List.of("first_in_section", "second_in_section")) {
            assertEquals(List.of(p, "in_section_helper"),
                    programs.get(p).functions().stream().map(LinkedFunction::name).toList());
        }
        assertEquals(List.of("optional_prog", "global_helper", "local_helper"),
                programs.get("optional_prog").functions().stream().map(LinkedFunction::name).toList());

        Map<String, FunctionSpec> functions = spec.functions().stream()
                .collect(Collectors.toMap(FunctionSpec::name, f -> f));
        assertEquals(SymbolBinding.LOCAL, functions.get("local_helper").binding());
        assertEquals(SymbolBinding.GLOBAL, functions.get("global_helper").binding());
        assertEquals(".text", functions.get("global_helper").sectionName());
        assertFalse(functions.get("global_helper").program());
        assertEquals(SymbolBinding.LOCAL, functions.get("in_section_helper").binding());
        assertFalse(functions.get("in_section_helper").program());
        assertEquals(SymbolBinding.WEAK, functions.get("weak_prog").binding());
        assertTrue(functions.get("weak_prog").program());

        assertEquals(0x060c00, spec.kernelVersion());
        assertEquals("GPL", spec.license());
        assertEquals(Set.of(".data.custom", ".rodata.custom", ".bss.custom"), spec.dataSections().stream()
                .map(DataSectionSpec::name).filter(n -> n.endsWith(".custom")).collect(Collectors.toSet()));
        assertEquals(DataSectionKind.RODATA, spec.dataSection(".rodata.custom").orElseThrow().kind());
        assertEquals(DataSectionKind.BSS, spec.dataSection(".bss.custom").orElseThrow().kind());
    }

    @Test
    void externsOfEveryKind() {
        Map<String, ExternSpec> externs = open("sections").externs().stream()
                .collect(Collectors.toMap(ExternSpec::name, e -> e));
        ExternSpec version = externs.get("LINUX_KERNEL_VERSION");
        assertEquals(ExternKind.KCONFIG, version.kind());
        assertFalse(version.weak());
        assertEquals(4, version.size());
        assertTrue(externs.get("CONFIG_HZ").weak());
        ExternSpec rq = externs.get("runqueues");
        assertEquals(ExternKind.KSYM, rq.kind());
        assertTrue(rq.typed());
        assertTrue(rq.size() > 0);
        ExternSpec untyped = externs.get("bpf_prog_active");
        assertEquals(ExternKind.KSYM, untyped.kind());
        assertFalse(untyped.typed());
        assertTrue(externs.get("not_there").weak());
        assertEquals(ExternKind.FUNCTION, externs.get("bpf_rcu_read_lock").kind());
    }

    @Test
    void legacyMapsInBothLayouts() {
        ObjectSpec spec = open("legacy_maps");
        assertEquals(List.of("old_counts", "pinned_hash"), spec.legacyMaps().stream().map(LegacyMapSpec::name).toList());
        LegacyMapSpec hash = spec.legacyMaps().get(1);
        assertEquals(1, hash.type()); // BPF_MAP_TYPE_HASH
        assertEquals(8, hash.keySize());
        assertEquals(16, hash.valueSize());
        assertEquals(128, hash.maxEntries());
        assertEquals(1, hash.flags());
        assertEquals(36, hash.definitionSize());
        assertEquals(Optional.of(new LegacyMapSpec.Iproute2(7, 2, 3, 4)), hash.iproute2());
        MapSpec counts = spec.map("old_counts").orElseThrow();
        assertEquals(2, counts.type()); // BPF_MAP_TYPE_ARRAY
        assertEquals(4, counts.keySize());
        assertEquals(8, counts.valueSize());
        assertEquals(MapSpec.PIN_NONE, spec.map("pinned_hash").orElseThrow().pinning(), "iproute2 pinning is not libbpf's");
        ProgramSpec p = spec.program("uses_legacy").orElseThrow();
        assertEquals(Set.of("old_counts", "pinned_hash"), p.mapReferences().stream()
                .map(r -> ((MapReference.ToMap) r).mapName()).collect(Collectors.toSet()));
    }

    @Test
    void structOpsVariablesPointAtTheirPrograms() {
        ObjectSpec spec = open("struct_ops");
        assertEquals(List.of("registered_ops", "linked_ops"), spec.structOps().stream().map(StructOpsSpec::name).toList());
        StructOpsSpec registered = spec.structOps().get(0);
        assertFalse(registered.link());
        assertEquals("tcp_congestion_ops", registered.typeName());
        assertEquals(Map.of("ssthresh", "test_ssthresh", "cong_avoid", "test_cong_avoid", "undo_cwnd", "test_undo_cwnd"),
                registered.programsByMember());
        assertTrue(new String(registered.data(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("bpf4j_test"));
        StructOpsSpec linked = spec.structOps().get(1);
        assertTrue(linked.link());
        assertEquals(Map.of("ssthresh", "test_ssthresh", "undo_cwnd", "test_undo_cwnd"), linked.programsByMember());
        assertTrue(spec.program("test_undo_cwnd").orElseThrow().section().sleepable());
        assertEquals(27, spec.program("test_ssthresh").orElseThrow().section().programType());
    }
}
