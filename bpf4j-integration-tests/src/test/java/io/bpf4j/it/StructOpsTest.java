package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.LinkType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.OnKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * struct_ops end to end: a TCP congestion control written in BPF (struct_ops_cc.bpf.c) is
 * registered through bpf4j, a loopback TCP connection chooses it with
 * {@code setsockopt(TCP_CONGESTION)} and sends data, the callbacks count their calls in globals,
 * and after detaching the name is gone from the kernel's list and can no longer be chosen. Once
 * through a {@code .struct_ops} map (registered by writing the map) and once through a
 * {@code .struct_ops.link} map (a bpf_link, Linux 6.4). On the host and in Debian's kernels under
 * QEMU, whose {@code tcp_congestion_ops} differ in members and layout from the one the object was
 * compiled against.
 */
@BpfTest
class StructOpsTest {
    private static final String OBJECT = "/META-INF/bpf/struct_ops_cc.bpf.o";
    private static final String LEGACY_OBJECT = "/META-INF/bpf/struct_ops_legacy.bpf.o";
    private static final Path AVAILABLE = Path.of("/proc/sys/net/ipv4/tcp_available_congestion_control");
    private static final int BYTES = 4 << 20;

    private static List<String> available() throws IOException {
        return List.of(Files.readString(AVAILABLE).trim().split("\\s+"));
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void legacyStructOpsMapRegistersACongestionControl(@BpfObjectResource(LEGACY_OBJECT) BpfObject obj)
            throws Exception {
        LoopbackTcp.ensureLoopbackUp();
        obj.load();
        AttachException alone = assertThrows(AttachException.class, () -> obj.program("bpf4j_ssthresh").attach());
        assertTrue(alone.getMessage().contains("attachStructOps"), alone.getMessage());
        assertEquals(io.bpf4j.syscall.MapType.STRUCT_OPS, obj.map("bpf4j_legacy").type());

        Link registration = obj.map("bpf4j_legacy").attachStructOps();
        assertTrue(available().contains("bpf4j_cc_l"), "registered: " + available());
        assertTrue(registration.linkFd().isEmpty(), "legacy struct_ops has no bpf_link");
        assertTrue(obj.bss().getLong("inits") == 0);
        LoopbackTcp.Transfer transfer = LoopbackTcp.send("bpf4j_cc_l", BYTES);
        assertEquals("bpf4j_cc_l", transfer.congestionControl(), "the socket runs the BPF congestion control");
        long inits = obj.bss().getLong("inits");
        long congAvoid = obj.bss().getLong("cong_avoid_calls");
        assertTrue(inits >= 1, "init ran: " + inits);
        assertTrue(congAvoid >= 1, "cong_avoid ran: " + congAvoid);

        registration.close();
        assertFalse(available().contains("bpf4j_cc_l"), "unregistered: " + available());
        assertThrows(LoopbackTcp.NoSuchCongestionControl.class, () -> LoopbackTcp.send("bpf4j_cc_l", BYTES));
        LoopbackTcp.send("reno", BYTES);
        assertEquals(inits, obj.bss().getLong("inits"), "silent after detach");
        assertEquals(congAvoid, obj.bss().getLong("cong_avoid_calls"), "silent after detach");
    }

    @OnKernels({"6.12", "latest"})
    void structOpsLinkRegistersWhileTheLinkIsOpen(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        LoopbackTcp.ensureLoopbackUp();
        obj.load();
        Link link = obj.map("bpf4j_linked").attachStructOps();
        BpfLink bpfLink = assertInstanceOf(BpfLink.class, link);
        var info = Bpf.system().linkInfo(bpfLink.fd().fd());
        assertEquals(LinkType.STRUCT_OPS, info.type());
        assertTrue(available().contains("bpf4j_cc_k"), "registered: " + available());
        LoopbackTcp.Transfer transfer = LoopbackTcp.send("bpf4j_cc_k", BYTES);
        assertEquals("bpf4j_cc_k", transfer.congestionControl());
        long inits = obj.bss().getLong("inits");
        assertTrue(inits >= 1, "init ran: " + inits);

        link.close();
        assertFalse(Fixtures.linkExists(info.id()), "link gone");
        assertFalse(available().contains("bpf4j_cc_k"), "unregistered: " + available());
        assertThrows(LoopbackTcp.NoSuchCongestionControl.class, () -> LoopbackTcp.send("bpf4j_cc_k", BYTES));
        assertEquals(inits, obj.bss().getLong("inits"), "silent after detach");
    }

    @Test
    void attachAllRegistersEveryStructOpsMapAndCloseUnregisters() throws Exception {
        try (BpfObject obj = BpfObject.openResource(StructOpsTest.class, OBJECT)) {
            obj.load();
            List<Link> links = obj.attachAll();
            assertEquals(2, links.size(), "the two struct_ops maps, no program on its own: " + links);
            assertTrue(available().containsAll(List.of("bpf4j_cc_l", "bpf4j_cc_k")), available().toString());
        }
        assertFalse(available().contains("bpf4j_cc_l"), "closing the object unregisters: " + available());
        assertFalse(available().contains("bpf4j_cc_k"), available().toString());
    }
}
