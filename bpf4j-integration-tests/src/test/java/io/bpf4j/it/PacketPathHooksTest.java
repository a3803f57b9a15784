package io.bpf4j.it;

import static io.bpf4j.it.SocketHooksTest.load;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.LwtOptions;
import io.bpf4j.attach.plugins.LwtRouteLink;
import io.bpf4j.attach.plugins.NetfilterOptions;
import io.bpf4j.attach.plugins.NetnsOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.NetworkNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hooks on a packet's way through the stack, end to end on this host: the flow dissector of
 * a network namespace, netfilter hooks, and routes whose encapsulation is a BPF program (lwt).
 * Each program is compiled from network_hooks.bpf.c, attached through its plugin, fired by real
 * packets, seen in its counter, detached, and then silent.
 */
@BpfTest
class PacketPathHooksTest {
    private static final String OBJECT = "/META-INF/bpf/network_hooks.bpf.o";
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final byte[] PAYLOAD = "bpf4j".getBytes(StandardCharsets.UTF_8);
    /** A netfilter priority no built-in hook uses (NAT takes 100 at LOCAL_IN: EBUSY there). */
    private static final int PRIORITY = 4242;

    /**
     * A real packet path, not BPF_PROG_TEST_RUN: with receive packet steering on the namespace's
     * loopback, each received packet is hashed, and hashing runs the namespace's dissector.
     */
    @Test
    void flowDissectorRunsForPacketsHashedInItsNamespace(@BpfObjectResource(OBJECT) BpfObject obj,
            NetworkNamespace netns) throws Exception {
        load(obj, "count_dissect");
        netns.exec("sh", "-c", "echo 1 > /sys/class/net/lo/queues/rx-0/rps_cpus");
        Link link = obj.program("count_dissect").attach(NetnsOptions.named(netns.name()));
        int id = linkId(link);
        for (int i = 0; i < 3; i++) {
            netns.exec("bash", "-c", "echo bpf4j > /dev/udp/127.0.0.1/9");
        }
        long seen = settled(obj, "dissector_hits");
        assertTrue(seen >= 3, "the dissector ran for each packet on lo: " + seen);

        link.close();
        assertFalse(Fixtures.linkExists(id), "link gone");
        for (int i = 0; i < 3; i++) {
            netns.exec("bash", "-c", "echo bpf4j > /dev/udp/127.0.0.1/9");
        }
        assertEquals(seen, settled(obj, "dissector_hits"), "silent after detach");
    }

    /** IPv4 LOCAL_OUT and LOCAL_IN, once plainly and once asking for defragmented packets (6.6). */
    @Test
    void netfilterHooksCountLoopbackDatagramsUntilDetached(@BpfObjectResource(OBJECT) BpfObject obj) {
        load(obj, "count_netfilter");
        try (PosixSocket receiver = PosixSocket.udp().bindLoopback(0);
             PosixSocket sender = PosixSocket.udp().connectLoopback(receiver.port())) {
            obj.bss().setShort("nf_port", (short) receiver.port());
            long expected = 0;
            for (boolean defragment : List.of(false, true)) {
                Link out = obj.program("count_netfilter").attach(new NetfilterOptions(NetfilterOptions.NFPROTO_IPV4,
                        NetfilterOptions.NF_INET_LOCAL_OUT, PRIORITY, defragment));
                Link in = obj.program("count_netfilter").attach(new NetfilterOptions(NetfilterOptions.NFPROTO_IPV4,
                        NetfilterOptions.NF_INET_LOCAL_IN, PRIORITY, defragment));
                List<Integer> ids = List.of(linkId(out), linkId(in));
                for (int i = 0; i < 3; i++) {
                    sender.send(PAYLOAD);
                    assertArrayEquals(PAYLOAD, receiver.receive(), "NF_ACCEPT: the datagram arrives");
                }
                expected += 3;
                assertEquals(expected, obj.bss().getLong("nf_out_hits"), "LOCAL_OUT, defragment " + defragment);
                assertEquals(expected, obj.bss().getLong("nf_in_hits"), "LOCAL_IN, defragment " + defragment);

                out.close();
                in.close();
                for (int linkId : ids) {
                    assertFalse(linkExistsUnchecked(linkId), "link " + linkId + " gone");
                }
                sender.send(PAYLOAD);
                assertArrayEquals(PAYLOAD, receiver.receive());
                assertEquals(expected, obj.bss().getLong("nf_out_hits"), "silent after detach");
                assertEquals(expected, obj.bss().getLong("nf_in_hits"), "silent after detach");
            }
        }
    }

    /**
     * lwt_out and lwt_xmit on routes for datagrams this host sends through the veth; lwt_in on a
     * route for datagrams the namespace sends in, which this host forwards (forwarding is turned
     * on for the test's veth end only). Each attach adds its route; closing deletes it.
     */
    @Test
    void lwtProgramsRunOnTheirRoutesUntilTheRoutesAreDeleted(@BpfObjectResource(OBJECT) BpfObject obj,
            NetworkNamespace netns) throws Exception {
        load(obj, "count_lwt_in", "count_lwt_out", "count_lwt_xmit");
        String device = netns.hostInterface();
        int subnet = Integer.parseInt(netns.hostAddress().split("\\.")[2]);
        String outPrefix = "10.196." + subnet + ".0/24";
        String xmitPrefix = "10.197." + subnet + ".0/24";
        String inPrefix = "10.198." + subnet + ".0/24";
        Files.writeString(Path.of("/proc/sys/net/ipv4/conf", device, "forwarding"), "1");
        netns.exec("ip", "route", "add", inPrefix, "via", netns.hostAddress());

        LwtRouteLink out = (LwtRouteLink) obj.program("count_lwt_out").attach(LwtOptions.route(outPrefix, device));
        LwtRouteLink xmit = (LwtRouteLink) obj.program("count_lwt_xmit").attach(LwtOptions.route(xmitPrefix, device));
        LwtRouteLink in = (LwtRouteLink) obj.program("count_lwt_in").attach(LwtOptions.route(inPrefix, device));
        String routes = Fixtures.run(true, "ip", "route", "show", "dev", device);
        for (String prefix : List.of(outPrefix, xmitPrefix, inPrefix)) {
            assertTrue(routes.lines().anyMatch(l -> l.startsWith(prefix) && l.contains("encap bpf")),
                    prefix + " with encap bpf in: " + routes);
        }

        Runnable traffic = () -> {
            for (int i = 0; i < 3; i++) {
                sendUdp("10.196." + subnet + ".5");
                sendUdp("10.197." + subnet + ".5");
                netns.exec("bash", "-c", "echo bpf4j > /dev/udp/10.198." + subnet + ".5/9");
            }
        };
        traffic.run();
        await().atMost(SETTLE).until(() -> obj.bss().getLong("lwt_in_hits") >= 3);
        assertEquals(3, obj.bss().getLong("lwt_out_hits"), "lwt_out: one per datagram sent on its route");
        assertTrue(obj.bss().getLong("lwt_xmit_hits") >= 3, "lwt_xmit ran at transmit");
        long outSeen = settled(obj, "lwt_out_hits");
        long xmitSeen = settled(obj, "lwt_xmit_hits");
        long inSeen = settled(obj, "lwt_in_hits");

        for (LwtRouteLink link : List.of(out, xmit, in)) {
            link.close();
            assertFalse(link.isOpen());
        }
        String after = Fixtures.run(true, "ip", "route", "show", "dev", device);
        assertFalse(after.contains("encap bpf"), "routes deleted: " + after);
        // The same paths without encapsulation (plain routes through the veth, so that nothing
        // leaves this machine): the programs must not run.
        for (String prefix : List.of(outPrefix, xmitPrefix, inPrefix)) {
            Fixtures.run(true, "ip", "route", "add", prefix, "dev", device);
        }
        traffic.run();
        Thread.sleep(500);
        assertEquals(outSeen, obj.bss().getLong("lwt_out_hits"), "lwt_out silent after detach");
        assertEquals(xmitSeen, obj.bss().getLong("lwt_xmit_hits"), "lwt_xmit silent after detach");
        assertEquals(inSeen, obj.bss().getLong("lwt_in_hits"), "lwt_in silent after detach");
    }

    /** Sends one datagram to {@code address}:9 from this host's namespace. */
    private static void sendUdp(String address) {
        try {
            Fixtures.run(true, "bash", "-c", "echo bpf4j > /dev/udp/" + address + "/9");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int linkId(Link link) {
        return Bpf.system().linkInfo(link.linkFd().orElseThrow().fd()).id();
    }

    private static boolean linkExistsUnchecked(int id) {
        try {
            return Fixtures.linkExists(id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@return the counter once it has stopped moving (packets may still be in flight)} */
    private static long settled(BpfObject obj, String counter) throws InterruptedException {
        long previous = obj.bss().getLong(counter);
        for (int i = 0; i < 25; i++) {
            Thread.sleep(200);
            long now = obj.bss().getLong(counter);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }
}
