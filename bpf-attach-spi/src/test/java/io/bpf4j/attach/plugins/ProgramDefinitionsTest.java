package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgramType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each built-in prefix loads as: pure, apart from reading the kernel's BTF for tp_btf. */
class ProgramDefinitionsTest {

    /** Fails if consulted: only tp_btf may read the kernel's BTF. */
    private static final LoadContext NO_BTF = () -> {
        throw new AssertionError("kernel BTF consulted");
    };

    @ParameterizedTest
    @ValueSource(strings = {"tp/sched/sched_process_exec", "tracepoint/syscalls/sys_enter_openat"})
    void tracepoint(String section) {
        ProgramDefinition def = new TracepointPlugin().define(section, NO_BTF);
        assertEquals(new ProgramDefinition(ProgramType.TRACEPOINT, null, 0, false, true), def);
    }

    @Test
    void bareTracepointAttachesOnlyByHand() {
        assertFalse(new TracepointPlugin().define("tp", NO_BTF).autoAttach());
        assertFalse(new TracepointPlugin().define("tracepoint", NO_BTF).autoAttach());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tp/sched", "tp/sched/", "tp//x", "tp/a/b/c", "tracepoint/x"})
    void malformedTracepointNamesTheSection(String section) {
        AttachException e = assertThrows(AttachException.class, () -> new TracepointPlugin().define(section, NO_BTF));
        assertTrue(e.getMessage().contains("'" + section + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("<category>/<name>"), e.getMessage());
    }

    @Test
    void tracepointTargetParsed() {
        assertEquals(new TracepointOptions("sched", "sched_switch"), TracepointPlugin.parse("tp/sched/sched_switch"));
        assertNull(TracepointPlugin.parse("tracepoint"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw_tp/sys_enter", "raw_tracepoint/sched_switch"})
    void rawTracepoint(String section) {
        assertEquals(new ProgramDefinition(ProgramType.RAW_TRACEPOINT, null, 0, false, true),
                new RawTracepointPlugin().define(section, NO_BTF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw_tp.w/bpf_test_finish", "raw_tracepoint.w/bpf_test_finish"})
    void writableRawTracepoint(String section) {
        assertEquals(new ProgramDefinition(ProgramType.RAW_TRACEPOINT_WRITABLE, null, 0, false, true),
                new RawTracepointPlugin().define(section, NO_BTF));
    }

    @Test
    void rawTracepointNames() {
        assertEquals("sys_enter", RawTracepointPlugin.tracepointName("raw_tp/sys_enter"));
        assertNull(RawTracepointPlugin.tracepointName("raw_tp"));
        assertFalse(new RawTracepointPlugin().define("raw_tp", NO_BTF).autoAttach());
        AttachException e = assertThrows(AttachException.class,
                () -> new RawTracepointPlugin().define("raw_tp/sched/sched_switch", NO_BTF));
        assertTrue(e.getMessage().contains("'raw_tp/sched/sched_switch'"), e.getMessage());
    }

    @Test
    void btfTracepointResolvesTheTypedef() {
        Btf kernel = Btf.kernel();
        int expected = kernel.findByName("btf_trace_sched_process_exec", BtfKind.TYPEDEF);
        assertTrue(expected > 0, "the kernel's BTF declares btf_trace_sched_process_exec");
        ProgramDefinition def = new BtfTracepointPlugin().define("tp_btf/sched_process_exec", () -> kernel);
        assertEquals(new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_RAW_TP, expected, false, true), def);
    }

    @Test
    void btfTracepointMissingFromTheKernelIsNamed() {
        AttachException e = assertThrows(AttachException.class,
                () -> new BtfTracepointPlugin().define("tp_btf/no_such_tracepoint_here", LoadContext.system()));
        assertTrue(e.getMessage().contains("no_such_tracepoint_here"), e.getMessage());
        assertTrue(e.getMessage().contains("btf_trace_no_such_tracepoint_here"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tp_btf", "tp_btf/a/b"})
    void btfTracepointNeedsOneName(String section) {
        AttachException e = assertThrows(AttachException.class, () -> new BtfTracepointPlugin().define(section, NO_BTF));
        assertTrue(e.getMessage().contains("tp_btf/<tracepoint name>"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uprobe//usr/lib/x86_64-linux-gnu/libc.so.6:getpid", "uretprobe/libc.so.6:malloc+0x10",
        "uprobe//bin/true:0x1234"})
    void uprobe(String section) {
        assertEquals(new ProgramDefinition(ProgramType.KPROBE, null, 0, false, true),
                new UprobePlugin().define(section, NO_BTF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uprobe.s//bin/true:main", "uretprobe.s/libc.so.6:getpid"})
    void sleepableUprobe(String section) {
        ProgramDefinition def = new UprobePlugin().define(section, NO_BTF);
        assertEquals(new ProgramDefinition(ProgramType.KPROBE, null, 0, true, true), def);
        assertEquals(ProgramDefinition.BPF_F_SLEEPABLE, def.programFlags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uprobe", "uretprobe", "uprobe.s", "uretprobe.s"})
    void bareUprobeAttachesOnlyByHand(String section) {
        assertFalse(new UprobePlugin().define(section, NO_BTF).autoAttach());
    }

    @Test
    void uprobeTargets() {
        assertEquals(new UprobeTarget(Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6"), "getpid", 0),
                UprobePlugin.target("uprobe//usr/lib/x86_64-linux-gnu/libc.so.6:getpid"));
        assertEquals(new UprobeTarget(Path.of("libc.so.6"), "malloc", 16), UprobePlugin.target("uretprobe/libc.so.6:malloc+0x10"));
        assertEquals(new UprobeTarget(Path.of("/bin/true"), null, 0x1234), UprobePlugin.target("uprobe//bin/true:0x1234"));
        assertEquals(new UprobeTarget(Path.of("/bin/true"), null, 99), UprobePlugin.target("uprobe//bin/true:99"));
        assertEquals(new UprobeTarget(Path.of("/opt/a:b/x"), "f", 8), UprobePlugin.target("uprobe//opt/a:b/x:f+8"));
        assertTrue(UprobePlugin.isReturnSection("uretprobe.s/x:y"));
        assertFalse(UprobePlugin.isReturnSection("uprobe.s/x:y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uprobe//bin/true", "uprobe//bin/true:", "uprobe/:main", "uprobe//bin/true:main+",
        "uprobe//bin/true:main+zz", "uprobe//bin/true:ma-in", "uprobe//bin/true:+8"})
    void malformedUprobeNamesTheSection(String section) {
        AttachException e = assertThrows(AttachException.class, () -> new UprobePlugin().define(section, NO_BTF));
        assertTrue(e.getMessage().contains("'" + section + "'"), e.getMessage());
    }

    @Test
    void uprobeOptionsBuilder() {
        UprobeOptions options = UprobeOptions.builder(Path.of("libc.so.6")).function("getpid").pid(42).retprobe(true)
                .cookie(7).offset(4).build();
        assertEquals(new UprobeOptions(Path.of("libc.so.6"), "getpid", 4, 42, true, 7), options);
        assertEquals(-1, UprobeOptions.builder(Path.of("x")).build().pid());
        assertTrue(UprobeOptions.builder(Path.of("x")).build().functionName().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> UprobeOptions.builder(Path.of("x")).pid(-2).build());
        assertThrows(IllegalArgumentException.class, () -> UprobeOptions.builder(Path.of("x")).offset(-1).build());
        assertThrows(IllegalArgumentException.class, () -> new TracepointOptions("a/b", "c"));
        assertThrows(IllegalArgumentException.class, () -> new RawTracepointOptions(""));
    }
}
