package io.bpf4j.elf.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.btf.FuncInfo;
import io.bpf4j.btf.LineInfo;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.TestObjects;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.insn.Opcodes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectSpecTest {
    // enum bpf_map_type values (include/uapi/linux/bpf.h).
    private static final int HASH = 1;
    private static final int ARRAY = 2;
    private static final int PROG_ARRAY = 3;
    private static final int PERCPU_ARRAY = 6;
    private static final int ARRAY_OF_MAPS = 12;
    private static final int RINGBUF = 27;
    private static final int BLOOM_FILTER = 30;

    @Test
    void programsAreFoundBySectionAndSplitBySymbol() {
        ObjectSpec spec = ObjectSpec.open(TestObjects.path("linking"));
        assertEquals("linking", spec.name());
        assertEquals("Dual BSD/GPL", spec.license());
        assertEquals(List.of("first@tp/syscalls/sys_enter_getpid:true", "second@tp/syscalls/sys_enter_getpid:true",
                "xdp_main@xdp:true", "optional_prog@raw_tp/sys_enter:false"),
                spec.programs().stream().map(p -> p.name() + "@" + p.sectionName() + ":" + p.autoLoad()).toList());
        assertTrue(spec.btf().isPresent() && spec.btfExt().isPresent());
    }

    @Test
    void linkingFollowsCallsAndCallbacksTransitivelyAsObjdumpShowsThem() {
        var path = TestObjects.path("linking");
        Oracle oracle = new Oracle(path);
        ObjectSpec spec = ObjectSpec.open(path);
        Map<String, List<String>> expectedFunctions = Map.of(
                "first", List.of("first", "global_helper", "task_pid", "bump"),
                "second", List.of("second", "add_one", "bump"),
                "xdp_main", List.of("xdp_main", "local_in_section", "bump"),
                "optional_prog", List.of("optional_prog", "bump"));
        int coreChecked = 0;
        for (ProgramSpec p : spec.programs()) {
            assertEquals(expectedFunctions.get(p.name()), oracleLinkOrder(oracle, p), "oracle's call graph for " + p.name());
            assertEquals(expectedFunctions.get(p.name()), p.functions().stream().map(LinkedFunction::name).toList());
            int slots = 0;
            for (LinkedFunction f : p.functions()) {
                assertEquals(slots, f.slot(), "functions are appended back to back");
                slots += f.slotCount();
            }
            assertEquals(slots, p.slotCount());
            Set<Integer> funcInfoSlots = new HashSet<>();
            for (FuncInfo fi : p.funcInfos()) {
                funcInfoSlots.add(fi.insnOffset());
            }
            for (LinkedFunction f : p.functions()) {
                // func_info: one per function, at its linked slot, naming its BTF FUNC.
                FuncInfo fi = p.funcInfos().stream().filter(x -> x.insnOffset() == f.slot()).findFirst().orElseThrow();
                assertEquals(f.name(), oracle.btfFuncs.get(fi.typeId()));
                for (Oracle.Line line : oracle.lines) {
                    int sectionSlot = f.sectionOffset() / 8;
                    if (!line.section().equals(f.sectionName()) || line.slot() < sectionSlot
                            || line.slot() >= sectionSlot + f.slotCount()) {
                        continue;
                    }
                    int linkedSlot = f.slot() + line.slot() - sectionSlot;
                    int index = p.indexOfSlot(linkedSlot);
                    Instruction insn = p.instructions().get(index);
                    byte[] linkedBytes = Instructions.encode(List.of(insn));
                    String callee = calleeOf(oracle, line);
                    if (callee == null) {
                        assertArrayEquals(line.raw(), linkedBytes, p.name() + " slot " + linkedSlot + ": " + line.text());
                    } else {
                        // A patched call or callback: imm is relative to the next slot and lands on the callee.
                        int target = linkedSlot + insn.imm() + 1;
                        LinkedFunction targetFn = p.functions().stream().filter(x -> x.slot() == target).findFirst()
                                .orElseThrow(() -> new AssertionError(p.name() + ": no function at slot " + target));
                        assertEquals(callee, targetFn.name(), p.name() + " slot " + linkedSlot);
                        assertEquals(insn.isCall() ? Opcodes.BPF_PSEUDO_CALL : Opcodes.BPF_PSEUDO_FUNC, insn.src());
                    }
                    if ("counters".equals(line.relocationSymbol())) {
                        assertTrue(p.mapReferences().contains(new MapReference.ToMap(index, "counters")));
                    }
                    if (line.core() != null) {
                        CoreRelocationRecord r = p.coreRelocations().stream()
                                .filter(x -> x.insnOffset() == linkedSlot * 8).findFirst().orElseThrow();
                        assertEquals("byte_off", line.core());
                        assertEquals("FIELD_BYTE_OFFSET", r.kind().name());
                        coreChecked++;
                    }
                }
            }
            assertEquals(p.functions().size(), p.funcInfos().size());
            assertFalse(p.lineInfos().isEmpty());
            int previous = -1;
            for (LineInfo li : p.lineInfos()) {
                assertTrue(li.insnOffset() >= previous && p.indexOfSlot(li.insnOffset()) >= 0, "line info " + li);
                previous = li.insnOffset();
            }
            for (LinkedFunction f : p.functions()) {
                assertTrue(p.lineInfos().stream().anyMatch(li -> li.insnOffset() == f.slot()), f.name());
            }
            long bumpCount = p.functions().stream().filter(f -> f.name().equals("bump")).count();
            assertEquals(bumpCount, p.mapReferences().size(), "one counters reference per linked bump");
        }
        assertEquals(2, coreChecked, "task_pid's CO-RE record in 'first' and xdp_main's own");
    }

    /** The callee an instruction refers to, from objdump's relocation text, or null for other instructions. */
    private static String calleeOf(Oracle oracle, Oracle.Line line) {
        boolean call = (line.raw()[0] & 0xff) == 0x85 && (line.raw()[1] & 0xf0) == 0x10;
        boolean ldImm64 = (line.raw()[0] & 0xff) == 0x18;
        String sym = line.relocationSymbol();
        if (call && sym == null) {
            return oracle.functionStartingAt(line.section(), line.slot() + Oracle.imm(line.raw()) + 1);
        }
        if (sym == null || !(call || ldImm64)) {
            return null;
        }
        if (oracle.functions.containsKey(sym)) { // a section symbol of a code section: the addend says where
            int slot = call ? Oracle.imm(line.raw()) + 1 : Oracle.imm(line.raw()) / 8;
            return oracle.functionStartingAt(sym, slot);
        }
        for (var e : oracle.functions.entrySet()) {
            if (e.getValue().containsValue(sym)) {
                return sym;
            }
        }
        return null; // a map or data reference
    }

    /** The link order libbpf would produce, computed from objdump's listing alone. */
    private static List<String> oracleLinkOrder(Oracle oracle, ProgramSpec p) {
        List<String> order = new ArrayList<>(List.of(p.name()));
        for (int i = 0; i < order.size(); i++) {
            String fn = order.get(i);
            for (Oracle.Line line : oracle.lines) {
                if (oracle.functionAt(line.section(), line.slot()).equals(fn)) {
                    String callee = calleeOf(oracle, line);
                    if (callee != null && !order.contains(callee)) {
                        order.add(callee);
                    }
                }
            }
        }
        return order;
    }

    @Test
    void btfDefinedMapsOfSeveralKinds() {
        var path = TestObjects.path("globals");
        ObjectSpec spec = ObjectSpec.open(path);
        Oracle oracle = new Oracle(path);
        // Every .maps variable of the source, each once (inner map definitions are not top-level maps).
        assertEquals(List.of("bloom", "events", "inner_a", "inner_b", "outer", "rb", "stats"),
                spec.maps().stream().map(MapSpec::name).sorted().toList());
        for (MapSpec m : spec.maps()) {
            assertTrue(oracle.symbolValues.containsKey(m.name()), m.name() + " is a symbol for readelf");
        }
        MapSpec events = spec.map("events").orElseThrow();
        assertEquals(HASH, events.type());
        assertEquals(1024, events.maxEntries());
        assertEquals(4, events.keySize());
        assertEquals(20, events.valueSize(), "sizeof(struct event), bpftool: STRUCT 'event' size=20");
        assertEquals(1, events.flags(), "BPF_F_NO_PREALLOC");
        assertEquals("event", spec.btf().orElseThrow().name(events.btfValueTypeId()));
        MapSpec rb = spec.map("rb").orElseThrow();
        assertEquals(RINGBUF, rb.type());
        assertEquals(256 * 1024, rb.maxEntries());
        assertEquals(0, rb.keySize() + rb.valueSize() + rb.btfKeyTypeId() + rb.btfValueTypeId());
        MapSpec stats = spec.map("stats").orElseThrow();
        assertEquals(PERCPU_ARRAY, stats.type());
        assertEquals(MapSpec.PIN_BY_NAME, stats.pinning());
        assertEquals(List.of(4, 8, 0, 0), List.of(stats.keySize(), stats.valueSize(), stats.btfKeyTypeId(),
                stats.btfValueTypeId()));
        MapSpec outer = spec.map("outer").orElseThrow();
        assertEquals(ARRAY_OF_MAPS, outer.type());
        assertEquals(4, outer.valueSize(), "a map-in-map's value is an fd");
        assertEquals(0, outer.btfValueTypeId());
        MapSpec inner = outer.innerMap().orElseThrow();
        assertEquals("outer.inner", inner.name());
        assertEquals(List.of(ARRAY, 1, 4, 8), List.of(inner.type(), inner.maxEntries(), inner.keySize(), inner.valueSize()));
        assertEquals(Map.of(0, "inner_a", 2, "inner_b"), outer.initialSlots());
        MapSpec bloom = spec.map("bloom").orElseThrow();
        assertEquals(List.of(BLOOM_FILTER, 16, 0, 4), List.of(bloom.type(), bloom.maxEntries(), bloom.keySize(),
                bloom.valueSize()));
        assertEquals(3, bloom.mapExtra());

        ObjectSpec linking = ObjectSpec.open(TestObjects.path("linking"));
        MapSpec jump = linking.map("jump_table").orElseThrow();
        assertEquals(PROG_ARRAY, jump.type());
        assertEquals(List.of(4, 4, 2), List.of(jump.keySize(), jump.valueSize(), jump.maxEntries()));
        assertTrue(jump.innerMap().isEmpty());
        assertEquals(Map.of(1, "optional_prog"), jump.initialSlots());
        MapSpec counters = linking.map("counters").orElseThrow();
        assertEquals(List.of(ARRAY, 4, 4, 8), List.of(counters.type(), counters.maxEntries(), counters.keySize(),
                counters.valueSize()));
    }

    @Test
    void dataSectionsAndTheirReferencesMatchReadelfAndObjdump() {
        var path = TestObjects.path("globals");
        Oracle oracle = new Oracle(path);
        ObjectSpec spec = ObjectSpec.open(path);
        ElfFile elf = spec.elf();
        assertEquals("GPL", spec.license());
        assertEquals(0x060c00, spec.kernelVersion());
        assertEquals(List.of(".rodata", ".data", ".data.foo", ".rodata.str1.1", ".bss"),
                spec.dataSections().stream().map(DataSectionSpec::name).toList());
        for (DataSectionSpec d : spec.dataSections()) {
            ElfSection s = elf.section(d.name()).orElseThrow();
            assertEquals(s.size(), d.size());
            assertEquals(oracle.btfDatasecs.getOrDefault(d.name(), 0), d.btfDatasecId(), d.name());
            for (VariableSpec v : d.variables()) {
                assertEquals(oracle.symbolValues.get(v.name()), (long) v.offset(), v.name());
            }
        }
        DataSectionSpec rodata = spec.dataSection(".rodata").orElseThrow();
        assertEquals(DataSectionKind.RODATA, rodata.kind());
        assertTrue(rodata.readOnly());
        assertEquals(42, ByteBuffer.wrap(rodata.initialValue()).order(ByteOrder.LITTLE_ENDIAN).getLong(8));
        assertTrue(rodata.variables().stream().anyMatch(v -> v.name().equals("threshold") && v.size() == 8
                && spec.btf().orElseThrow().sizeOf(v.btfTypeId()) == 8));
        assertEquals(7, ByteBuffer.wrap(spec.dataSection(".data").orElseThrow().initialValue())
                .order(ByteOrder.LITTLE_ENDIAN).getLong(0));
        DataSectionSpec foo = spec.dataSection(".data.foo").orElseThrow();
        assertEquals(DataSectionKind.DATA, foo.kind());
        assertEquals(List.of("foo_value", "foo_name"), foo.variables().stream().map(VariableSpec::name).toList());
        DataSectionSpec bss = spec.dataSection(".bss").orElseThrow();
        assertEquals(DataSectionKind.BSS, bss.kind());
        assertArrayEquals(new byte[16], bss.initialValue());
        assertEquals(List.of("counter_bss", "static_bss"), bss.variables().stream().map(VariableSpec::name).toList());
        DataSectionSpec str = spec.dataSection(".rodata.str1.1").orElseThrow();
        assertEquals("exec seen", new String(str.initialValue(), 0, 9, StandardCharsets.US_ASCII));
        assertEquals(List.of("globals.rodata", "globals.data", ".data.foo", ".rodata.str1.1", "globals.bss"),
                spec.dataSections().stream().map(d -> d.kernelMapName(spec.name())).toList());
        assertEquals("bootstra.rodata", rodata.kernelMapName("bootstrap"));

        // Every ld_imm64 relocation objdump shows becomes one reference, in order: maps by name, data by offset.
        ProgramSpec p = spec.programs().get(0);
        assertEquals("handle_exec", p.name());
        List<MapReference> expected = new ArrayList<>();
        for (Oracle.Line line : oracle.lines) {
            if (!"R_BPF_64_64".equals(line.relocationType())) {
                continue;
            }
            int index = p.indexOfSlot(line.slot());
            String sym = line.relocationSymbol();
            Long value = oracle.symbolValues.get(sym);
            String symbolSection = elf.sections().stream().filter(s -> s.name().equals(sym)).findFirst()
                    .map(ElfSection::name).orElse(null);
            if (symbolSection != null) { // a section symbol: the offset is in imm
                expected.add(new MapReference.ToDataSection(index, sym, Oracle.imm(line.raw())));
            } else if (spec.map(sym).isPresent()) {
                expected.add(new MapReference.ToMap(index, sym));
            } else {
                String section = spec.dataSections().stream()
                        .filter(d -> d.variables().stream().anyMatch(v -> v.name().equals(sym)))
                        .findFirst().orElseThrow().name();
                expected.add(new MapReference.ToDataSection(index, section, (int) (value + Oracle.imm(line.raw()))));
            }
        }
        assertEquals(13, expected.size());
        assertEquals(expected, p.mapReferences());
        assertTrue(p.mapReferences().contains(new MapReference.ToDataSection(p.mapReferences().get(4)
                .instructionIndex(), ".bss", 8)), "static_bss through the .bss section symbol + imm 8");
    }

    @Test
    void externsAreModelledByKind() {
        var path = TestObjects.path("externs");
        Oracle oracle = new Oracle(path);
        ProgramSpec p = ObjectSpec.open(path).program("on_switch").orElseThrow();
        assertEquals("sched_switch", p.sectionName().substring("tp_btf/".length()));
        List<String> expected = new ArrayList<>();
        for (Oracle.Line line : oracle.lines) {
            if (line.relocationSymbol() != null) {
                expected.add(p.indexOfSlot(line.slot()) + " " + line.relocationSymbol());
            }
        }
        assertEquals(expected, p.externReferences().stream().map(e -> e.instructionIndex() + " " + e.name()).toList());
        Map<String, ExternReference> byName = new java.util.HashMap<>();
        p.externReferences().forEach(e -> byName.put(e.name(), e));
        assertEquals(ExternKind.KCONFIG, byName.get("LINUX_KERNEL_VERSION").kind());
        assertFalse(byName.get("LINUX_KERNEL_VERSION").weak());
        assertEquals(ExternKind.KCONFIG, byName.get("CONFIG_BPF_SYSCALL").kind());
        assertTrue(byName.get("CONFIG_BPF_SYSCALL").weak());
        assertEquals(ExternKind.KSYM, byName.get("runqueues").kind());
        assertEquals(ExternKind.FUNCTION, byName.get("bpf_rcu_read_lock").kind());
        assertEquals(ExternKind.FUNCTION, byName.get("bpf_rcu_read_unlock").kind());
        var btf = ObjectSpec.open(path).btf().orElseThrow();
        for (ExternReference e : p.externReferences()) {
            assertEquals(e.name(), btf.name(e.btfTypeId()));
            assertEquals(e.kind() == ExternKind.FUNCTION, p.instructions().get(e.instructionIndex()).isCall());
        }
        assertTrue(p.mapReferences().isEmpty());
    }

    @Test
    void callToANonFunctionIsReportedWithSectionAndOffset() {
        byte[] bytes = TestObjects.bytes("linking");
        ElfFile elf = ElfFile.parse(bytes.clone(), "linking.bpf.o");
        ElfSection xdp = elf.section("xdp").orElseThrow();
        // Slot 1 of xdp is "call 0x20" against .text (local_in_section at slot 33); aim one slot further.
        int immAt = (int) xdp.offset() + 8 + 4;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x85, bytes[(int) xdp.offset() + 8] & 0xff);
        b.putInt(immAt, b.getInt(immAt) + 1);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(bytes, "linking.bpf.o"));
        assertEquals("xdp", e.section().orElseThrow());
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("unknown function"), e.getMessage());
    }

    @Test
    void relocationAgainstAMissingSymbolIsReported() {
        byte[] bytes = TestObjects.bytes("linking");
        ElfFile elf = ElfFile.parse(bytes.clone(), "linking.bpf.o");
        ElfSection rel = elf.section(".relxdp").orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong((int) rel.offset() + 8, (100_000L << 32) | 10);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ObjectSpec.parse(bytes, "linking.bpf.o"));
        assertEquals(".relxdp", e.section().orElseThrow());
        assertNotNull(e.getMessage());
        assertTrue(Arrays.asList(e.getMessage().split(" ")).contains("#100000"), e.getMessage());
    }
}
