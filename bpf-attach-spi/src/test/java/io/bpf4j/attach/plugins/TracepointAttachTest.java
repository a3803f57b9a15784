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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tp/ and tracepoint/ programs attached in the running kernel, fired by exec(2). */
class TracepointAttachTest {

    private final TracepointPlugin plugin = new TracepointPlugin();

    @BeforeAll
    static void mountTracefs() throws Exception {
        KernelFixtures.ensureTracefs();
    }

    @Test
    void firesOnExecAndDetachesOnClose() throws Exception {
        String section = "tp/sched/sched_process_exec";
        try (CountingProgram program = CountingProgram.load("count_exec", section, plugin.define(section, LoadContext.system()))) {
            Link link = plugin.attach(program.context());
            int id;
            try {
                PerfEventLink perf = assertInstanceOf(PerfEventLink.class, link);
                assertTrue(perf.usesBpfLink(), "Linux 6.18 has perf links: " + link);
                LinkInfo info = Bpf.system().linkInfo(link.linkFd().orElseThrow().fd());
                assertEquals(LinkType.PERF_EVENT, info.type());
                assertEquals(program.programId(), info.progId());
                id = info.id();
                assertTrue(KernelFixtures.linkExists(id), "bpftool sees link " + id);
                assertTrue(link.description().contains("sched/sched_process_exec"), link.description());

                KernelFixtures.runTrue(3);
                assertTrue(program.count() >= 3, "count " + program.count());
            } finally {
                link.close();
            }
            assertFalse(link.isOpen());
            link.close(); // idempotent
            assertFalse(KernelFixtures.linkExists(id), "link " + id + " is gone after close");
            long before = program.count();
            KernelFixtures.runTrue(2);
            assertEquals(before, program.count(), "a closed link no longer runs the program");
        }
    }

    @Test
    void bareSectionAttachesByHandWithOptions() throws Exception {
        try (CountingProgram program = CountingProgram.load("count_exec", "tracepoint",
                plugin.define("tracepoint", LoadContext.system()))) {
            AttachException auto = assertThrows(AttachException.class, () -> plugin.attach(program.context()));
            assertTrue(auto.getMessage().contains("TracepointOptions"), auto.getMessage());
            try (Link link = plugin.attach(program.context(), new TracepointOptions("sched", "sched_process_exec"))) {
                assertTrue(link.isOpen(), link.description());
                KernelFixtures.runTrue(2);
                assertTrue(program.count() >= 2, "count " + program.count());
            }
        }
    }

    @Test
    void missingTracepointIsNamed() throws Exception {
        String section = "tp/sched/no_such_tracepoint";
        try (CountingProgram program = CountingProgram.load("count_none", section, plugin.define(section, LoadContext.system()))) {
            AttachException e = assertThrows(AttachException.class, () -> plugin.attach(program.context()));
            assertTrue(e.getMessage().contains("sched/no_such_tracepoint"), e.getMessage());
            assertTrue(e.getMessage().contains("count_none"), e.getMessage());
        }
    }

    @Test
    void cookieReachesTheProgram() throws Exception {
        try (CountingProgram program = CountingProgram.loadCookieRecorder("exec_cookie", "tp",
                plugin.define("tp", LoadContext.system()));
             Link link = plugin.attach(program.context(), new TracepointOptions("sched", "sched_process_exec", 0x5eed_cafeL))) {
            assertTrue(link.isOpen(), link.description());
            KernelFixtures.runTrue(1);
            assertEquals(0x5eed_cafeL, program.count());
        }
    }
}
