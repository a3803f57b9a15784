package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.LinkInfo;
import io.bpf4j.syscall.LinkType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * uprobe/ and uretprobe/ programs on libc, fired by running /bin/true: every dynamically linked
 * program enters {@code __libc_start_main} once, and /bin/true with one argument calls and
 * returns from {@code setlocale}.
 */
class UprobeAttachTest {

    private final UprobePlugin plugin = new UprobePlugin();

    @Test
    void uprobeFromSectionFiresAndDetaches() throws Exception {
        String section = "uprobe/libc.so.6:__libc_start_main";
        try (CountingProgram program = CountingProgram.load("start_main", section, plugin.define(section, LoadContext.system()))) {
            Link link = plugin.attach(program.context());
            int id;
            try {
                assertTrue(assertInstanceOf(PerfEventLink.class, link).usesBpfLink());
                LinkInfo info = Bpf.system().linkInfo(link.linkFd().orElseThrow().fd());
                assertEquals(LinkType.PERF_EVENT, info.type());
                id = info.id();
                KernelFixtures.runTrue(3);
                assertTrue(program.count() >= 3, "count " + program.count());
            } finally {
                link.close();
            }
            assertFalse(KernelFixtures.linkExists(id));
            long before = program.count();
            KernelFixtures.runTrue(2);
            assertEquals(before, program.count(), "a closed link no longer runs the program");
        }
    }

    @Test
    void uretprobeFromSectionFires() throws Exception {
        String section = "uretprobe/libc.so.6:setlocale";
        try (CountingProgram program = CountingProgram.load("setlocale_ret", section, plugin.define(section, LoadContext.system()));
             Link link = plugin.attach(program.context())) {
            assertTrue(link.description().startsWith("program setlocale_ret (" + section + ") -> uretprobe "),
                    link.description());
            KernelFixtures.runTrue(3, "x");
            assertTrue(program.count() >= 3, "count " + program.count());
        }
    }

    @Test
    void absolutePathAndOffsetSection() throws Exception {
        long offset = FunctionOffsets.fileOffset(FunctionOffsetsTest.LIBC, "__libc_start_main");
        String section = "uprobe/" + FunctionOffsetsTest.LIBC + ":0x" + Long.toHexString(offset);
        try (CountingProgram program = CountingProgram.load("start_raw", section, plugin.define(section, LoadContext.system()));
             Link link = plugin.attach(program.context())) {
            assertTrue(link.isOpen(), link.description());
            KernelFixtures.runTrue(2);
            assertTrue(program.count() >= 2, "count " + program.count());
        }
    }

    @Test
    void pidFilterByHand() throws Exception {
        // Two probes on the same function: one for every process, one for this JVM only, which
        // never runs __libc_start_main again. The children hit the first and not the second.
        try (CountingProgram all = CountingProgram.load("all_pids", "uprobe", plugin.define("uprobe", LoadContext.system()));
             CountingProgram mine = CountingProgram.load("this_pid", "uprobe", plugin.define("uprobe", LoadContext.system()))) {
            UprobeOptions.Builder options = UprobeOptions.builder(Path.of("libc.so.6")).function("__libc_start_main");
            int self = (int) ProcessHandle.current().pid();
            try (Link everyProcess = plugin.attach(all.context(), options.build());
                 Link onlySelf = plugin.attach(mine.context(), options.pid(self).build())) {
                assertTrue(everyProcess.isOpen(), everyProcess.description());
                assertTrue(onlySelf.description().endsWith("pid " + self), onlySelf.description());
                KernelFixtures.runTrue(3);
                assertTrue(all.count() >= 3, "count " + all.count());
                assertEquals(0, mine.count(), "a probe of this JVM does not see other processes");
            }
        }
    }

    @Test
    void sleepableUprobeLoadsAndFires() throws Exception {
        String section = "uprobe.s/libc.so.6:__libc_start_main";
        try (CountingProgram program = CountingProgram.load("sleepy", section, plugin.define(section, LoadContext.system()));
             Link link = plugin.attach(program.context())) {
            assertTrue(link.isOpen(), link.description());
            KernelFixtures.runTrue(2);
            assertTrue(program.count() >= 2, "count " + program.count());
        }
    }

    @Test
    void retprobeSectionForcesReturnProbeByHand() throws Exception {
        try (CountingProgram program = CountingProgram.load("ret_hand", "uretprobe", plugin.define("uretprobe", LoadContext.system()));
             Link link = plugin.attach(program.context(),
                     UprobeOptions.builder(Path.of("libc.so.6")).function("setlocale").build())) {
            assertTrue(link.description().contains("uretprobe"), link.description());
            KernelFixtures.runTrue(2, "x");
            assertTrue(program.count() >= 2, "count " + program.count());
        }
    }

    @Test
    void missingSymbolNamesBinaryAndFunction() throws Exception {
        String section = "uprobe/libc.so.6:no_such_function_xyz";
        try (CountingProgram program = CountingProgram.load("nothing", section, plugin.define(section, LoadContext.system()))) {
            AttachException e = assertThrows(AttachException.class, () -> plugin.attach(program.context()));
            assertTrue(e.getMessage().contains("no_such_function_xyz"), e.getMessage());
            assertTrue(e.getMessage().contains("libc.so.6"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing"), "names the program: " + e.getMessage());
        }
    }

    @Test
    void cookieReachesTheProgram() throws Exception {
        try (CountingProgram program = CountingProgram.loadCookieRecorder("uprobe_cookie", "uprobe",
                plugin.define("uprobe", LoadContext.system()));
             Link link = plugin.attach(program.context(), UprobeOptions.builder(Path.of("libc.so.6"))
                     .function("__libc_start_main").cookie(-42L).build())) {
            assertTrue(link.isOpen(), link.description());
            KernelFixtures.runTrue(1);
            assertEquals(-42L, program.count());
        }
    }
}
