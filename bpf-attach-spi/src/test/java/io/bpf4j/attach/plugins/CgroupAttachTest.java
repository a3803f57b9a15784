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
import io.bpf4j.attach.ProgAttachment;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgAttachFlags;
import org.junit.jupiter.api.Test;

/**
 * cgroup hooks for real: a counting program on a cgroup of the test's own, triggered by a shell
 * that moves itself into the cgroup and sends a UDP datagram on loopback (or opens a socket), then
 * detached: the kernel's query of the cgroup must no longer list it and the hook must be silent.
 */
class CgroupAttachTest {

    private static final int ALLOW = 1;
    private static final String SEND = "echo bpf4j > /dev/udp/127.0.0.1/9";

    private final CgroupPlugin plugin = new CgroupPlugin();

    private static boolean attached(TestCgroup cgroup, AttachType type, int programId) {
        Bpf bpf = Bpf.system();
        try (OwnedFd fd = bpf.open(cgroup.path.toString(), Bpf.O_DIRECTORY)) {
            return bpf.progQuery(fd.fd(), type, 0).contains(programId);
        }
    }

    @Test
    void egressThroughBpfLink() throws Exception {
        try (TestCgroup cgroup = new TestCgroup("egress");
             CountingProgram program = CountingProgram.load("egress_count", "cgroup_skb/egress",
                     plugin.define("cgroup_skb/egress", LoadContext.system()), ALLOW)) {
            Link link = plugin.attach(program.context(), CgroupOptions.of(cgroup.path)
                    .with(CgroupOptions.Mechanism.LINK, 0));
            int linkId = Bpf.system().linkInfo(assertInstanceOf(BpfLink.class, link).fd().fd()).id();
            assertTrue(attached(cgroup, AttachType.CGROUP_INET_EGRESS, program.programId()));
            cgroup.runInside(SEND);
            long seen = program.count();
            assertTrue(seen > 0, "egress program ran");
            link.close();
            assertFalse(KernelFixtures.linkExists(linkId));
            assertFalse(attached(cgroup, AttachType.CGROUP_INET_EGRESS, program.programId()));
            cgroup.runInside(SEND);
            assertEquals(seen, program.count(), "silent after close");
        }
    }

    @Test
    void ingressThroughProgAttachWithFlags() throws Exception {
        try (TestCgroup cgroup = new TestCgroup("ingress");
             CountingProgram program = CountingProgram.load("ingress_count", "cgroup_skb/ingress",
                     plugin.define("cgroup_skb/ingress", LoadContext.system()), ALLOW);
             CountingProgram other = CountingProgram.load("ingress_other", "cgroup_skb/ingress",
                     plugin.define("cgroup_skb/ingress", LoadContext.system()), ALLOW)) {
            Link link = plugin.attach(program.context(), CgroupOptions.of(cgroup.path)
                    .with(CgroupOptions.Mechanism.PROG_ATTACH, ProgAttachFlags.BPF_F_ALLOW_MULTI));
            ProgAttachment attachment = assertInstanceOf(ProgAttachment.class, link);
            assertEquals(ProgAttachFlags.BPF_F_ALLOW_MULTI, attachment.flags());
            // Exclusive after multi on the same hook is refused by the kernel, and reported with the program's name.
            AttachException exclusive = assertThrows(AttachException.class, () -> plugin.attach(other.context(),
                    CgroupOptions.of(cgroup.path).with(CgroupOptions.Mechanism.PROG_ATTACH, 0)));
            assertTrue(exclusive.getMessage().contains("ingress_other"), exclusive.getMessage());
            assertTrue(attached(cgroup, AttachType.CGROUP_INET_INGRESS, program.programId()));
            try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
                // Ingress runs for the receiving socket's cgroup: the shell's TCP socket receives the SYN-ACK.
                String connect = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo x >&3";
                cgroup.runInside(connect);
                server.accept().close();
                long seen = program.count();
                assertTrue(seen > 0, "ingress program ran");
                link.close();
                link.close();
                assertFalse(attached(cgroup, AttachType.CGROUP_INET_INGRESS, program.programId()));
                cgroup.runInside(connect);
                server.accept().close();
                assertEquals(seen, program.count(), "silent after close");
            }
        }
    }

    @Test
    void sockCreateThroughLinkOrProgAttach() throws Exception {
        try (TestCgroup cgroup = new TestCgroup("sock");
             CountingProgram program = CountingProgram.load("sock_count", "cgroup/sock_create",
                     plugin.define("cgroup/sock_create", LoadContext.system()), ALLOW)) {
            try (Link link = plugin.attach(program.context(), CgroupOptions.of(cgroup.path))) {
                assertInstanceOf(BpfLink.class, link, "this kernel has cgroup links");
                cgroup.runInside(SEND);
                assertTrue(program.count() > 0, "sock_create ran");
            }
            long seen = program.count();
            cgroup.runInside(SEND);
            assertEquals(seen, program.count());
        }
    }

    @Test
    void misuseIsExplained() {
        AttachException auto = assertThrows(AttachException.class, () -> plugin.attach(
                io.bpf4j.attach.AttachContext.of(0, "p", "cgroup/connect4", io.bpf4j.syscall.ProgramType.CGROUP_SOCK_ADDR)));
        assertTrue(auto.getMessage().contains("CgroupOptions.of(<cgroup v2 directory>)"), auto.getMessage());
        AttachException skb = assertThrows(AttachException.class, () -> plugin.attach(
                io.bpf4j.attach.AttachContext.of(0, "p", "cgroup/skb", io.bpf4j.syscall.ProgramType.CGROUP_SKB),
                CgroupOptions.of(TestCgroup.ROOT)));
        assertTrue(skb.getMessage().contains("names no hook"), skb.getMessage());
        assertThrows(AttachException.class, () -> plugin.define("cgroup/nonsense", LoadContext.system()));
    }
}
