package io.bpf4j.syscall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The attach paths without bpf_link: rtnetlink for XDP and tc, PROG_ATTACH/QUERY/DETACH on a
 * cgroup. The oracle is the kernel's own view through a second channel ({@code ip link show},
 * {@code tc filter show}) besides bpf4j's queries.
 */
class AttachPathsTest {
    private final Bpf bpf = Bpf.system();

    private static String vethName(String tag) {
        return "b4j" + tag + (ProcessHandle.current().pid() % 100_000);
    }

    @Test
    void xdpThroughNetlinkAttachesReplacesAndDetaches() throws Exception {
        String name = vethName("x");
        KernelFixtures.run("ip", "link", "add", name + "a", "type", "veth", "peer", "name", name + "b");
        try (OwnedFd first = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).name("first").build());
             OwnedFd second = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).name("second").build());
             Rtnetlink rtnl = Rtnetlink.open()) {
            int ifindex = bpf.interfaceIndex(name + "a");
            assertEquals(KernelFixtures.ifindex(name + "a"), ifindex);
            int firstId = bpf.progInfo(first.fd()).id();
            int secondId = bpf.progInfo(second.fd()).id();
            int generic = Rtnetlink.XDP_FLAGS_SKB_MODE;

            rtnl.setXdp(ifindex, first.fd(), generic | Rtnetlink.XDP_FLAGS_UPDATE_IF_NOEXIST, -1);
            assertEquals(Optional.of(firstId), rtnl.xdpProgramId(ifindex, generic));
            assertEquals(Optional.empty(), rtnl.xdpProgramId(ifindex, Rtnetlink.XDP_FLAGS_DRV_MODE));
            assertTrue(KernelFixtures.run("ip", "link", "show", name + "a").contains("xdpgeneric"), "ip sees it");

            BpfException busy = assertThrows(BpfException.class,
                    () -> rtnl.setXdp(ifindex, second.fd(), generic | Rtnetlink.XDP_FLAGS_UPDATE_IF_NOEXIST, -1));
            assertEquals("netlink(RTM_SETLINK)", busy.call());
            assertEquals(Errno.EBUSY, busy.errno(), busy.getMessage());
            // dev_xdp_attach's extended ack: "XDP program already attached".
            assertTrue(busy.getMessage().contains("(kernel: XDP program already attached)"), busy.getMessage());

            BpfException stale = assertThrows(BpfException.class,
                    () -> rtnl.setXdp(ifindex, second.fd(), generic | Rtnetlink.XDP_FLAGS_REPLACE, second.fd()));
            assertEquals(Errno.EEXIST, stale.errno(), "replace checks the expected program: " + stale.getMessage());
            rtnl.setXdp(ifindex, second.fd(), generic | Rtnetlink.XDP_FLAGS_REPLACE, first.fd());
            assertEquals(Optional.of(secondId), rtnl.xdpProgramId(ifindex, generic));

            rtnl.setXdp(ifindex, -1, generic, -1);
            assertEquals(Optional.empty(), rtnl.xdpProgramId(ifindex, 0));
            assertFalse(KernelFixtures.run("ip", "link", "show", name + "a").contains("xdp"), "detached");
        } finally {
            KernelFixtures.run("ip", "link", "del", name + "a");
        }
    }

    @Test
    void netlinkErrorsCarryTheKernelsText() {
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.XDP, Insns.returning(2)).build());
             Rtnetlink rtnl = Rtnetlink.open()) {
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class,
                        () -> rtnl.setXdp(1, prog.fd(), Rtnetlink.XDP_FLAGS_SKB_MODE | Rtnetlink.XDP_FLAGS_DRV_MODE, -1));
                assertEquals(Errno.EINVAL, e.errno(), "two XDP modes at once");
                assertTrue(e.getMessage().startsWith("netlink(RTM_SETLINK) failed: EINVAL"), e.getMessage());
            });
            BpfException nodev = assertThrows(BpfException.class, () -> bpf.interfaceIndex("bpf4j-no-such-if"));
            assertEquals(Errno.ENODEV, nodev.errno());
        }
    }

    @Test
    void clsBpfFilterInClsactIsAddedListedAndDeleted() throws Exception {
        String name = vethName("t");
        KernelFixtures.run("ip", "link", "add", name + "a", "type", "veth", "peer", "name", name + "b");
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SCHED_CLS, Insns.returning(0))
                .name("cls_ok").license("GPL").build());
             Rtnetlink rtnl = Rtnetlink.open()) {
            int ifindex = bpf.interfaceIndex(name + "a");
            int progId = bpf.progInfo(prog.fd()).id();
            assertTrue(rtnl.addClsact(ifindex), "new qdisc");
            assertFalse(rtnl.addClsact(ifindex), "exists already");

            TcFilter added = rtnl.addBpfFilter(ifindex, Rtnetlink.TC_PARENT_INGRESS, 7, 3, prog.fd(), "cls_ok", false);
            assertEquals(7, added.priority());
            assertEquals(3, added.handle());
            List<TcFilter> filters = rtnl.filters(ifindex, Rtnetlink.TC_PARENT_INGRESS);
            assertTrue(filters.stream().anyMatch(f -> f.programId() == progId && f.priority() == 7 && f.handle() == 3
                    && f.kind().equals("bpf")), filters.toString());
            assertTrue(rtnl.filters(ifindex, Rtnetlink.TC_PARENT_EGRESS).stream().noneMatch(f -> f.programId() == progId));
            assertTrue(KernelFixtures.run("tc", "filter", "show", "dev", name + "a", "ingress").contains("direct-action"));
            assertEquals(Errno.EEXIST, assertThrows(BpfException.class, () -> rtnl.addBpfFilter(ifindex,
                    Rtnetlink.TC_PARENT_INGRESS, 7, 3, prog.fd(), "cls_ok", false)).errno());
            rtnl.addBpfFilter(ifindex, Rtnetlink.TC_PARENT_INGRESS, 7, 3, prog.fd(), "cls_ok", true);

            TcFilter chosen = rtnl.addBpfFilter(ifindex, Rtnetlink.TC_PARENT_EGRESS, 0, 0, prog.fd(), "auto", false);
            assertTrue(chosen.priority() > 0 && chosen.handle() != 0, "the kernel's choice is echoed: " + chosen);

            rtnl.deleteFilter(ifindex, Rtnetlink.TC_PARENT_INGRESS, 7, 3);
            assertTrue(rtnl.filters(ifindex, Rtnetlink.TC_PARENT_INGRESS).isEmpty());
            assertEquals(Errno.ENOENT, assertThrows(BpfException.class,
                    () -> rtnl.deleteFilter(ifindex, Rtnetlink.TC_PARENT_INGRESS, 7, 3)).errno());
            rtnl.deleteClsact(ifindex);
            assertTrue(rtnl.filters(ifindex, Rtnetlink.TC_PARENT_EGRESS).isEmpty(), "the qdisc took its filters");
        } finally {
            KernelFixtures.run("ip", "link", "del", name + "a");
        }
    }

    @Test
    void progAttachQueryDetachOnACgroup() throws Exception {
        Path cgroup = Path.of("/sys/fs/cgroup/unified", "bpf4j-syscall-" + ProcessHandle.current().pid());
        Files.createDirectories(cgroup);
        try (OwnedFd a = bpf.progLoad(ProgLoadRequest.builder(ProgramType.CGROUP_SKB, Insns.returning(1)).name("a").build());
             OwnedFd b = bpf.progLoad(ProgLoadRequest.builder(ProgramType.CGROUP_SKB, Insns.returning(1)).name("b").build());
             OwnedFd c = bpf.progLoad(ProgLoadRequest.builder(ProgramType.CGROUP_SKB, Insns.returning(1)).name("c").build());
             OwnedFd target = bpf.open(cgroup.toString(), Bpf.O_DIRECTORY)) {
            int aId = bpf.progInfo(a.fd()).id();
            int bId = bpf.progInfo(b.fd()).id();
            AttachType type = AttachType.CGROUP_INET_INGRESS;
            bpf.progAttach(ProgAttachRequest.of(target.fd(), a.fd(), type, ProgAttachFlags.BPF_F_ALLOW_MULTI));
            bpf.progAttach(ProgAttachRequest.of(target.fd(), b.fd(), type, ProgAttachFlags.BPF_F_ALLOW_MULTI));
            ProgQueryResult both = bpf.progQuery(target.fd(), type, 0);
            assertArrayEquals(new int[] {aId, bId}, both.programIds());
            assertEquals(ProgAttachFlags.BPF_F_ALLOW_MULTI, both.attachFlags());

            int cId = bpf.progInfo(c.fd()).id();
            bpf.progAttach(new ProgAttachRequest(target.fd(), c.fd(), type,
                    ProgAttachFlags.BPF_F_ALLOW_MULTI | ProgAttachFlags.BPF_F_REPLACE, b.fd()));
            assertArrayEquals(new int[] {aId, cId}, bpf.progQuery(target.fd(), type, 0).programIds(),
                    "b replaced by c in place");

            bpf.progDetach(target.fd(), a.fd(), type);
            bpf.progDetach(target.fd(), c.fd(), type);
            assertEquals(0, bpf.progQuery(target.fd(), type, 0).programIds().length);
            assertEquals(Errno.ENOENT, assertThrows(BpfException.class,
                    () -> bpf.progDetach(target.fd(), a.fd(), type)).errno());
        } finally {
            Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void requestsRejectInconsistentFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProgAttachRequest(1, 2, AttachType.CGROUP_INET_INGRESS, ProgAttachFlags.BPF_F_REPLACE, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new KprobeMultiRequest(1, AttachType.TRACE_KPROBE_MULTI, false, List.of("a"), new long[] {1}, new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new KprobeMultiRequest(1, AttachType.TRACE_FENTRY, false, List.of("a"), new long[0], new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new UprobeMultiRequest(1, "/bin/true", new long[0], new long[0], new long[0], false, 0));
        assertEquals(2, new KprobeMultiRequest(1, AttachType.TRACE_KPROBE_MULTI, true, List.of("a", "b"), new long[0],
                new long[] {1, 2}).count());
    }
}
