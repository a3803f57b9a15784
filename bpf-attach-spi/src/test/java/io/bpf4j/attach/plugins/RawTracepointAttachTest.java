package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.LinkInfo;
import io.bpf4j.syscall.LinkType;
import org.junit.jupiter.api.Test;

/** raw_tp/ and tp_btf/ programs attached in the running kernel, fired by exec(2). */
class RawTracepointAttachTest {

    @Test
    void rawTracepointFiresAndDetaches() throws Exception {
        RawTracepointPlugin plugin = new RawTracepointPlugin();
        String section = "raw_tp/sched_process_exec";
        try (CountingProgram program = CountingProgram.load("raw_exec", section, plugin.define(section, LoadContext.system()))) {
            Link link = plugin.attach(program.context());
            int id;
            try {
                BpfLink bpfLink = assertInstanceOf(BpfLink.class, link);
                LinkInfo info = Bpf.system().linkInfo(bpfLink.fd().fd());
                assertEquals(LinkType.RAW_TRACEPOINT, info.type());
                id = info.id();
                KernelFixtures.runTrue(3);
                assertTrue(program.count() >= 3, "count " + program.count());
            } finally {
                link.close();
            }
            assertFalse(KernelFixtures.linkExists(id), "link " + id + " is gone after close");
            long before = program.count();
            KernelFixtures.runTrue(2);
            assertEquals(before, program.count());
        }
    }

    @Test
    void rawTracepointByHand() throws Exception {
        RawTracepointPlugin plugin = new RawTracepointPlugin();
        try (CountingProgram program = CountingProgram.load("raw_any", "raw_tracepoint",
                plugin.define("raw_tracepoint", LoadContext.system()));
             Link link = plugin.attach(program.context(), new RawTracepointOptions("sched_process_exec"))) {
            assertTrue(link.isOpen(), link.description());
            KernelFixtures.runTrue(2);
            assertTrue(program.count() >= 2, "count " + program.count());
        }
    }

    @Test
    void unknownRawTracepointIsNamed() throws Exception {
        RawTracepointPlugin plugin = new RawTracepointPlugin();
        String section = "raw_tp/no_such_tracepoint";
        try (CountingProgram program = CountingProgram.load("raw_none", section, plugin.define(section, LoadContext.system()))) {
            AttachException e = assertThrows(AttachException.class, () -> plugin.attach(program.context()));
            assertTrue(e.getMessage().contains("no_such_tracepoint"), e.getMessage());
            assertTrue(e.getMessage().contains("BPF_RAW_TRACEPOINT_OPEN"), e.getMessage());
        }
    }

    @Test
    void btfTracepointFiresAndDetaches() throws Exception {
        BtfTracepointPlugin plugin = new BtfTracepointPlugin();
        String section = "tp_btf/sched_process_exec";
        try (CountingProgram program = CountingProgram.load("btf_exec", section, plugin.define(section, LoadContext.system()))) {
            Link link = plugin.attach(program.context());
            int id;
            try {
                LinkInfo info = Bpf.system().linkInfo(link.linkFd().orElseThrow().fd());
                // BPF_RAW_TRACEPOINT_OPEN makes a raw tracepoint link for tp_btf programs too.
                assertEquals(LinkType.RAW_TRACEPOINT, info.type());
                assertEquals(program.programId(), info.progId());
                id = info.id();
                KernelFixtures.runTrue(3);
                assertTrue(program.count() >= 3, "count " + program.count());
            } finally {
                link.close();
            }
            assertFalse(KernelFixtures.linkExists(id));
            long before = program.count();
            KernelFixtures.runTrue(2);
            assertEquals(before, program.count());
        }
    }
}
