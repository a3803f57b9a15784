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
import io.bpf4j.syscall.Rtnetlink;
import io.bpf4j.syscall.TcFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * XDP and tc attach for real: a counting program on the outer end of a veth pair whose peer sits
 * in its own network namespace; a datagram from the peer must be counted while attached and not
 * after close, and the kernel must show the attachment gone (netlink's view, bpftool's link list).
 */
class NetworkAttachTest {

    private static final int XDP_PASS = 2;
    private static final int TC_ACT_OK = 0;

    private final XdpPlugin xdp = new XdpPlugin();
    private final TcPlugin tc = new TcPlugin();

    private static void assertFiresThenSilent(CountingProgram program, VethPair veth, Link link) throws Exception {
        veth.sendFromPeer();
        long seen = program.count();
        assertTrue(seen > 0, "the program ran for the datagram: " + link);
        link.close();
        assertFalse(link.isOpen());
        veth.sendFromPeer();
        assertEquals(seen, program.count(), "silent after close");
    }

    @Test
    void xdpThroughBpfLinkInEachMode() throws Exception {
        try (VethPair veth = new VethPair("xl");
             CountingProgram program = CountingProgram.load("xdp_count", "xdp", xdp.define("xdp", LoadContext.system()),
                     XDP_PASS)) {
            for (XdpMode mode : List.of(XdpMode.GENERIC, XdpMode.NATIVE)) {
                Link link = xdp.attach(program.context(), XdpOptions.of(veth.outer).mode(mode));
                BpfLink bpfLink = assertInstanceOf(BpfLink.class, link);
                int linkId = Bpf.system().linkInfo(bpfLink.fd().fd()).id();
                assertTrue(KernelFixtures.linkExists(linkId));
                assertFiresThenSilent(program, veth, link);
                assertFalse(KernelFixtures.linkExists(linkId), "link " + linkId + " gone");
            }
        }
    }

    @Test
    void xdpThroughNetlinkAttachesReplacesAndDetaches() throws Exception {
        try (VethPair veth = new VethPair("xn");
             CountingProgram first = CountingProgram.load("xdp_first", "xdp", xdp.define("xdp", LoadContext.system()),
                     XDP_PASS);
             CountingProgram second = CountingProgram.load("xdp_second", "xdp", xdp.define("xdp", LoadContext.system()),
                     XDP_PASS);
             Rtnetlink rtnl = Rtnetlink.open()) {
            int ifindex = Bpf.system().interfaceIndex(veth.outer);
            Link link = xdp.attach(first.context(), XdpOptions.of(veth.outer).mode(XdpMode.GENERIC).viaNetlink());
            assertInstanceOf(NetlinkXdpLink.class, link);
            assertEquals(Optional.of(first.programId()), rtnl.xdpProgramId(ifindex, Rtnetlink.XDP_FLAGS_SKB_MODE));
            AttachException busy = assertThrows(AttachException.class, () -> xdp.attach(second.context(),
                    XdpOptions.of(veth.outer).mode(XdpMode.GENERIC).viaNetlink()));
            assertTrue(busy.getMessage().contains("xdp_second"), busy.getMessage());

            Link replaced = xdp.attach(second.context(), XdpOptions.of(veth.outer).mode(XdpMode.GENERIC)
                    .replacing(first.fd()));
            assertEquals(Optional.of(second.programId()), rtnl.xdpProgramId(ifindex, Rtnetlink.XDP_FLAGS_SKB_MODE));
            link.close();   // first is no longer there: closing its link must leave second alone
            assertEquals(Optional.of(second.programId()), rtnl.xdpProgramId(ifindex, Rtnetlink.XDP_FLAGS_SKB_MODE));
            assertFiresThenSilent(second, veth, replaced);
            assertEquals(Optional.empty(), rtnl.xdpProgramId(ifindex, 0));
        }
    }

    @Test
    void tcxIngressLink() throws Exception {
        try (VethPair veth = new VethPair("tx");
             CountingProgram program = CountingProgram.load("tcx_count", "tcx/ingress",
                     tc.define("tcx/ingress", LoadContext.system()), TC_ACT_OK)) {
            Link link = tc.attach(program.context(), TcxOptions.of(veth.outer));
            int linkId = Bpf.system().linkInfo(assertInstanceOf(BpfLink.class, link).fd().fd()).id();
            AttachException wrongWay = assertThrows(AttachException.class,
                    () -> tc.attach(program.context(), TcxOptions.of(veth.outer, TcDirection.EGRESS)));
            assertTrue(wrongWay.getMessage().contains("loaded for INGRESS"), wrongWay.getMessage());
            assertFiresThenSilent(program, veth, link);
            assertFalse(KernelFixtures.linkExists(linkId));
        }
    }

    @Test
    void clsBpfFilterThroughNetlink() throws Exception {
        try (VethPair veth = new VethPair("tn");
             CountingProgram program = CountingProgram.load("cls_count", "tc", tc.define("tc", LoadContext.system()),
                     TC_ACT_OK);
             Rtnetlink rtnl = Rtnetlink.open()) {
            AttachException noDirection = assertThrows(AttachException.class,
                    () -> tc.attach(program.context(), TcxOptions.of(veth.outer)));
            assertTrue(noDirection.getMessage().contains("names no direction"), noDirection.getMessage());
            Link link = tc.attach(program.context(), TcOptions.of(veth.outer, TcDirection.INGRESS).at(5, 9));
            ClsBpfLink cls = assertInstanceOf(ClsBpfLink.class, link);
            int ifindex = cls.ifindex();
            List<TcFilter> filters = rtnl.filters(ifindex, Rtnetlink.TC_PARENT_INGRESS);
            assertTrue(filters.stream().anyMatch(f -> f.programId() == program.programId() && f.priority() == 5
                    && f.handle() == 9), filters.toString());
            assertFiresThenSilent(program, veth, link);
            assertTrue(rtnl.filters(ifindex, Rtnetlink.TC_PARENT_INGRESS).isEmpty(), "filter deleted");
        }
    }

    @Test
    void withoutOptionsTheMessageSaysHow() {
        AttachException e = assertThrows(AttachException.class,
                () -> xdp.attach(io.bpf4j.attach.AttachContext.of(0, "p", "xdp", io.bpf4j.syscall.ProgramType.XDP)));
        assertTrue(e.getMessage().contains("XdpOptions.of(<interface>)"), e.getMessage());
        assertTrue(tc.manualAttachHint("tcx/egress").contains("TcxOptions.of(<interface>)"));
        assertThrows(UnsupportedOperationException.class, () -> tc.attach(
                io.bpf4j.attach.AttachContext.of(0, "act", "action", io.bpf4j.syscall.ProgramType.SCHED_ACT),
                TcOptions.of("lo", TcDirection.INGRESS)));
    }
}
