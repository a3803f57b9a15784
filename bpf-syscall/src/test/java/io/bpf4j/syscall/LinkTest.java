package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bpf_link commands: RAW_TRACEPOINT_OPEN, LINK_CREATE, LINK_DETACH, link info. */
class LinkTest {
    private final Bpf bpf = Bpf.system();

    @Test
    void rawTracepointLink() {
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.RAW_TRACEPOINT, Insns.returning(0))
                .name("on_switch").build());
             OwnedFd link = bpf.rawTracepointOpen("sched_switch", prog.fd())) {
            LinkInfo info = bpf.linkInfo(link.fd());
            assertEquals(LinkType.RAW_TRACEPOINT, info.type());
            assertTrue(info.id() > 0);
            assertEquals(bpf.progInfo(prog.fd()).id(), info.progId());
            // Raw tracepoint links have no detach operation.
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class, () -> bpf.linkDetach(link.fd()));
                assertEquals(Errno.EOPNOTSUPP, e.errno());
                assertEquals("bpf(BPF_LINK_DETACH)", e.call());
            });
        }
    }

    @Test
    void rawTracepointOfUnknownNameFails() {
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.RAW_TRACEPOINT, Insns.returning(0)).build())) {
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class,
                        () -> bpf.rawTracepointOpen("no_such_tracepoint_bpf4j", prog.fd()));
                assertEquals(Errno.ENOENT, e.errno());
                assertTrue(e.getMessage().contains("tracepoint no_such_tracepoint_bpf4j"), e.getMessage());
            });
        }
    }

    @Test
    void xdpLinkOnVethCreatesAndDetaches() throws Exception {
        String name = "b4js" + (ProcessHandle.current().pid() % 100_000);
        KernelFixtures.run("ip", "link", "add", name + "a", "type", "veth", "peer", "name", name + "b");
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).name("xdp_pass").build())) {
            int ifindex = KernelFixtures.ifindex(name + "a");
            try (OwnedFd link = bpf.linkCreate(prog.fd(), ifindex, AttachType.XDP, 0)) {
                LinkInfo info = bpf.linkInfo(link.fd());
                assertEquals(LinkType.XDP, info.type());
                assertEquals(bpf.progInfo(prog.fd()).id(), info.progId());
                assertTrue(KernelFixtures.run("ip", "link", "show", name + "a").contains("xdp"), "attached");
                FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EBUSY, assertThrows(BpfException.class,
                        () -> bpf.linkCreate(prog.fd(), ifindex, AttachType.XDP, 0)).errno(), "one XDP link per device"));
                bpf.linkDetach(link.fd());
                assertTrue(link.isOpen(), "detach leaves the fd open");
                assertTrue(!KernelFixtures.run("ip", "link", "show", name + "a").contains("xdp"), "detached");
            }
        } finally {
            KernelFixtures.run("ip", "link", "del", name + "a");
        }
    }

    @Test
    void linkCreateFailuresLeakNothing() {
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).build())) {
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class,
                        () -> bpf.linkCreate(prog.fd(), 999_999, AttachType.XDP, 0));
                // bpf_xdp_link_attach answers an unknown ifindex with EINVAL.
                assertEquals(Errno.EINVAL, e.errno());
                assertTrue(e.getMessage().startsWith("bpf(BPF_LINK_CREATE) failed: EINVAL (Invalid argument): BPF_XDP link"),
                        e.getMessage());
            });
        }
    }

    @Test
    void linkRequestsRejectFieldsTheUnionCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> new LinkCreateRequest(1, 2, AttachType.XDP, 0, 0, 5, null));
        assertThrows(IllegalArgumentException.class,
                () -> new LinkCreateRequest(1, 2, AttachType.XDP, 0, 0, 0, new byte[8]));
        assertThrows(UnsupportedOperationException.class,
                () -> new LinkCreateRequest(1, 2, AttachType.TRACE_KPROBE_MULTI, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> bpf.linkCreate(1, 2, AttachType.XDP, 1L << 40));
    }
}
