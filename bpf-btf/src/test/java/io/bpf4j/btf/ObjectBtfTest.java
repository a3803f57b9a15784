package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .BTF and .BTF.ext of an object clang-19 builds from src/test/bpf/kinds.bpf.c, checked against
 * bpftool, llvm-objdump, the ELF symbol table, the instruction bytes and the C source itself.
 */
class ObjectBtfTest {
    private static Path object;
    private static MiniElf elf;
    private static Btf btf;
    private static BtfExt ext;
    private static byte[] rawBtf;

    @BeforeAll
    static void compile() throws Exception {
        object = TestObjects.compile("kinds");
        elf = new MiniElf(Files.readAllBytes(object));
        rawBtf = elf.contents(".BTF");
        btf = Btf.parse(ByteBuffer.wrap(rawBtf), object + " .BTF");
        ext = BtfExt.parse(ByteBuffer.wrap(elf.contents(".BTF.ext")), btf, object + " .BTF.ext");
    }

    @Test
    void readsEveryTypeAsBpftoolDoes() throws Exception {
        assumeTrue(TestObjects.onPath("bpftool"), "bpftool is not installed");
        List<String> expected = TestObjects.lines(TestObjects.run(List.of("bpftool", "btf", "dump", "file", object.toString())));
        KernelBtfTest.assertSameLines(expected, BpftoolFormat.dump(btf));
    }

    @Test
    void roundTripsByteForByte() {
        assertArrayEquals(rawBtf, btf.toBytes());
        assertEquals(ByteOrder.LITTLE_ENDIAN, btf.order());
    }

    @Test
    void parsesASectionInPlaceInsideTheWholeFile() throws Exception {
        byte[] file = Files.readAllBytes(object);
        MiniElf.Section section = elf.section(".BTF").orElseThrow();
        ByteBuffer view = ByteBuffer.wrap(file, section.offset(), section.size());
        Btf inPlace = Btf.parse(view, "in place");
        assertArrayEquals(rawBtf, inPlace.toBytes());
        assertEquals(btf.typeCount(), inPlace.typeCount());
        assertEquals(section.offset(), view.position(), "the caller's buffer is not moved");
    }

    @Test
    void decodesTheKindsOfTheSource() {
        BtfType.Struct task = (BtfType.Struct) btf.type(btf.findByName("task", BtfKind.STRUCT));
        assertEquals(24, task.size());
        assertEquals(new BtfType.Member("pid", btf.findByName("int", BtfKind.INT), 32, 0), task.members().get(1));
        assertEquals(3, task.members().get(3).bitfieldSize());
        assertEquals(131, task.members().get(4).bitOffset());
        assertEquals(5, task.members().get(4).bitfieldSize());

        BtfType.Enum color = (BtfType.Enum) btf.type(btf.findByName("color", BtfKind.ENUM));
        assertTrue(color.signed());
        assertEquals(List.of(new BtfType.EnumValue("RED", -1), new BtfType.EnumValue("GREEN", 5),
                new BtfType.EnumValue("BLUE", 7)), color.values());
        BtfType.Enum64 big = (BtfType.Enum64) btf.type(btf.findByName("big", BtfKind.ENUM64));
        assertEquals(0x200000000L, big.values().get(1).value());

        BtfType.Union number = (BtfType.Union) btf.type(btf.findByName("number", BtfKind.UNION));
        assertEquals(8, btf.sizeOf(number.id()));
        assertInstanceOf(BtfType.Float.class, btf.type(number.members().get(1).type()));

        int tagged = btf.findByName("tagged_var", BtfKind.VAR);
        BtfType.DeclTag tag = (BtfType.DeclTag) btf.type(btf.findByName("a_decl_tag", BtfKind.DECL_TAG));
        assertEquals(tagged, tag.type());
        assertEquals(-1, tag.componentIndex());

        BtfType.Var userPtr = (BtfType.Var) btf.type(btf.findByName("user_ptr", BtfKind.VAR));
        assertEquals(VarLinkage.GLOBAL_ALLOCATED, userPtr.linkage());
        BtfType.Ptr ptr = (BtfType.Ptr) btf.type(userPtr.type());
        BtfType.TypeTag user = (BtfType.TypeTag) btf.type(ptr.type());
        assertEquals("user", user.name());
        assertEquals(btf.findByName("int", BtfKind.INT), btf.resolve(user.id()));

        BtfType.Func helper = (BtfType.Func) btf.type(btf.findByName("helper", BtfKind.FUNC));
        assertEquals(FuncLinkage.STATIC, helper.linkage());
        BtfType.FuncProto proto = (BtfType.FuncProto) btf.type(helper.type());
        assertEquals(List.of(new BtfType.Param("x", btf.findByName("int", BtfKind.INT))), proto.params());
        assertFalse(proto.isVariadic());

        BtfType.Array buf = (BtfType.Array) btf.type(((BtfType.Var) btf.type(btf.findByName("buf", BtfKind.VAR))).type());
        assertEquals(16, buf.elementCount());
        assertEquals(16, btf.sizeOf(buf.id()));
        int minNs = btf.findByName("min_ns", BtfKind.VAR);
        assertEquals(8, btf.sizeOf(minNs), "VAR -> CONST -> VOLATILE -> TYPEDEF -> INT");
        assertEquals(BtfKind.INT, btf.kind(btf.resolve(((BtfType.Var) btf.type(minNs)).type())));
    }

    @Test
    void clangLeavesDatasecSizesAndOffsetsZero() {
        // What clang 19 emits (and why the loader needs Btf.withDatasecLayout).
        for (String name : List.of(".bss", ".data", ".rodata", ".maps", ".data.custom", "license")) {
            BtfType.Datasec sec = btf.datasec(name).orElseThrow(() -> new AssertionError("no DATASEC " + name));
            assertEquals(0, sec.size(), name);
            assertTrue(sec.vars().stream().allMatch(v -> v.offset() == 0), name);
            assertTrue(sec.vars().stream().allMatch(v -> v.size() > 0), name);
        }
    }

    @Test
    void funcInfoNamesTheFunctionSymbolAtEachOffset() {
        assertEquals(8, ext.funcInfoRecordSize());
        Map<String, Map<Long, String>> functionsBySection = new HashMap<>();
        for (MiniElf.Symbol s : elf.symbols()) {
            if (s.isFunction()) {
                functionsBySection.computeIfAbsent(elf.section(s.sectionIndex()).name(), k -> new HashMap<>())
                        .put(s.value(), s.name());
            }
        }
        assertEquals(functionsBySection.keySet(), ext.funcInfos().keySet());
        int count = 0;
        for (Map.Entry<String, List<FuncInfo>> e : ext.funcInfos().entrySet()) {
            for (FuncInfo fi : e.getValue()) {
                BtfType.Func func = assertInstanceOf(BtfType.Func.class, btf.type(fi.typeId()));
                assertEquals(functionsBySection.get(e.getKey()).get((long) fi.insnOffset()), func.name(), e.getKey());
                count++;
            }
        }
        assertEquals(3, count, "helper, handle_exec, handle_raw");
        assertEquals(List.of(new FuncInfo(0, btf.findByName("handle_exec", BtfKind.FUNC))),
                ext.funcInfos().get("tracepoint/sched/sched_process_exec"));
    }

    @Test
    void lineInfoPointsAtTheSourceLines() throws Exception {
        assertEquals(16, ext.lineInfoRecordSize());
        List<String> source = Files.readAllLines(TestObjects.SOURCES.resolve("kinds.bpf.c"));
        int count = 0;
        for (Map.Entry<String, List<LineInfo>> e : ext.lineInfos().entrySet()) {
            int sectionSize = elf.section(e.getKey()).orElseThrow().size();
            int previous = -1;
            for (LineInfo li : e.getValue()) {
                assertTrue(li.fileName(btf).endsWith("kinds.bpf.c"), li.fileName(btf));
                assertTrue(li.line() >= 1 && li.line() <= source.size(), "line " + li.line());
                assertEquals(source.get(li.line() - 1).trim(), li.lineText(btf).trim(), "line " + li.line());
                assertTrue(li.column() >= 0 && li.column() <= source.get(li.line() - 1).length() + 1, li.toString());
                assertTrue(li.insnOffset() % 8 == 0 && li.insnOffset() < sectionSize && li.insnOffset() >= previous,
                        li + " in " + e.getKey() + " of " + sectionSize + " bytes, after " + previous);
                assertEquals(li.line() << 10 | li.column(), li.lineCol());
                previous = li.insnOffset();
                count++;
            }
        }
        assertTrue(count >= 10, "line_info records: " + count);
    }

    @Test
    void coreRelocationsMatchLlvmObjdump() throws Exception {
        assertEquals(16, ext.coreRelocationRecordSize());
        assumeTrue(TestObjects.onPath("llvm-objdump-19"), "llvm-objdump-19 is not installed");
        String dump = TestObjects.run(List.of("llvm-objdump-19", "-dr", object.toString()));
        // e.g. "Disassembly of section raw_tp/sys_enter:" then "  0000000000000008:  CO-RE <byte_off> [13] struct task::pid (0:1)"
        Pattern sectionLine = Pattern.compile("^Disassembly of section (.+):$");
        Pattern coreLine = Pattern.compile("^\\s*([0-9a-f]+):\\s+CO-RE <(\\w+)> \\[(\\d+)\\] .*?(?: \\(([0-9:]+)\\))?$");
        List<String> expected = new ArrayList<>();
        String section = null;
        for (String line : dump.split("\n")) {
            Matcher s = sectionLine.matcher(line);
            if (s.matches()) {
                section = s.group(1);
            }
            Matcher c = coreLine.matcher(line);
            if (c.matches()) {
                expected.add(section + " " + Long.parseLong(c.group(1), 16) + " " + c.group(2) + " " + c.group(3)
                        + (c.group(4) == null ? "" : " " + c.group(4)));
            }
        }
        List<String> actual = new ArrayList<>();
        ext.coreRelocations().forEach((sec, records) -> {
            for (CoreRelocationRecord r : records) {
                actual.add(sec + " " + r.insnOffset() + " " + objdumpName(r.kind()) + " " + r.typeId()
                        + (r.kind().isFieldBased() ? " " + r.accessString() : ""));
            }
        });
        assertEquals(5, expected.size(), dump);
        assertEquals(expected, actual);
    }

    @Test
    void coreRelocationsCarryClangsLocalAnswerInTheInstruction() {
        int task = btf.findByName("task", BtfKind.STRUCT);
        List<CoreRelocationRecord> exec = ext.coreRelocations().get("tracepoint/sched/sched_process_exec");
        assertEquals(List.of(new CoreRelocationRecord(0, task, "0:1", CoreRelocationKind.FIELD_BYTE_OFFSET),
                new CoreRelocationRecord(200, task, "0:2", CoreRelocationKind.FIELD_BYTE_SIZE)), exec);
        ByteBuffer code = ByteBuffer.wrap(elf.contents("tracepoint/sched/sched_process_exec")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4, code.getShort(exec.get(0).insnOffset() + 2), "ldx off = offsetof(struct task, pid)");
        assertEquals(8, code.getInt(exec.get(1).insnOffset() + 4), "mov imm = sizeof(start)");

        List<CoreRelocationRecord> raw = ext.coreRelocations().get("raw_tp/sys_enter");
        int color = btf.findByName("color", BtfKind.ENUM);
        assertEquals(List.of(CoreRelocationKind.TYPE_SIZE, CoreRelocationKind.ENUMVAL_VALUE, CoreRelocationKind.TYPE_ID_LOCAL),
                raw.stream().map(CoreRelocationRecord::kind).toList());
        assertEquals(List.of(task, color, task), raw.stream().map(CoreRelocationRecord::typeId).toList());
        assertEquals(List.of("0", "1", "0"), raw.stream().map(CoreRelocationRecord::accessString).toList());
        ByteBuffer rawCode = ByteBuffer.wrap(elf.contents("raw_tp/sys_enter")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, rawCode.getInt(raw.get(0).insnOffset() + 4), "sizeof(struct task)");
        assertEquals(5, rawCode.getInt(raw.get(1).insnOffset() + 4), "GREEN");
        assertEquals(task, rawCode.getInt(raw.get(2).insnOffset() + 4), "local type id");
    }

    private static String objdumpName(CoreRelocationKind kind) {
        switch (kind) {
            case FIELD_BYTE_OFFSET: return "byte_off";
            case FIELD_BYTE_SIZE: return "byte_sz";
            case FIELD_EXISTS: return "field_exists";
            case FIELD_SIGNED: return "signed";
            case FIELD_LSHIFT_U64: return "lshift_u64";
            case FIELD_RSHIFT_U64: return "rshift_u64";
            case TYPE_ID_LOCAL: return "local_type_id";
            case TYPE_ID_TARGET: return "target_type_id";
            case TYPE_EXISTS: return "type_exists";
            case TYPE_SIZE: return "type_size";
            case ENUMVAL_EXISTS: return "enumval_exists";
            case ENUMVAL_VALUE: return "enumval_value";
            case TYPE_MATCHES: return "type_matches";
            default: throw new AssertionError(kind);
        }
    }
}
