package io.bpf4j.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.ProgAttachment;
import io.bpf4j.attach.plugins.SockmapOptions;
import io.bpf4j.attach.plugins.SocketOptionLink;
import io.bpf4j.attach.plugins.SocketOptions;
import io.bpf4j.loader.BpfMap;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.ProgQueryResult;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hooks that live on sockets, end to end on this host over loopback: a socket filter
 * ({@code SO_ATTACH_BPF}), a reuseport selector ({@code SO_ATTACH_REUSEPORT_EBPF}) and the
 * sockmap programs ({@code sk_msg}, {@code sk_skb/stream_parser} + {@code stream_verdict},
 * {@code sk_skb/verdict}). Each program is compiled from network_hooks.bpf.c, attached through
 * its plugin, fired by real traffic, seen in its counter, detached, and then silent.
 */
@BpfTest
class SocketHooksTest {
    private static final String OBJECT = "/META-INF/bpf/network_hooks.bpf.o";
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final byte[] PAYLOAD = "bpf4j".getBytes(StandardCharsets.UTF_8);

    @Test
    void socketFilterSeesKeepsAndDropsDatagramsUntilDetached(@BpfObjectResource(OBJECT) BpfObject obj) {
        load(obj, "count_socket");
        try (PosixSocket receiver = PosixSocket.udp().bindLoopback(0);
             PosixSocket sender = PosixSocket.udp().connectLoopback(receiver.port())) {
            Link link = obj.program("count_socket").attach(new SocketOptions(receiver.fd()));
            assertTrue(link instanceof SocketOptionLink && link.isOpen(), link.description());
            for (int i = 0; i < 3; i++) {
                sender.send(PAYLOAD);
                assertArrayEquals(PAYLOAD, receiver.receive(), "the filter keeps the whole datagram");
            }
            assertEquals(3, obj.bss().getLong("socket_hits"));

            obj.bss().setLong("socket_dropping", 1);
            sender.send(PAYLOAD);
            sender.send(PAYLOAD);
            await().atMost(SETTLE).until(() -> obj.bss().getLong("socket_hits") == 5);
            assertNull(receiver.receiveNow(), "a filter returning 0 drops the datagram");

            link.close();
            assertFalse(link.isOpen());
            sender.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, receiver.receive(), "SO_DETACH_BPF: datagrams pass again");
            assertEquals(5, obj.bss().getLong("socket_hits"), "silent after detach");
        }
    }

    /** The plain selector and the one loaded for SELECT_OR_MIGRATE (5.14) both select. */
    @ParameterizedTest
    @ValueSource(strings = {"select_reuseport", "select_or_migrate"})
    void reuseportSelectorChoosesTheSocketUntilDetached(String program, @BpfObjectResource(OBJECT) BpfObject obj) {
        load(obj, program);
        try (PosixSocket first = PosixSocket.udp().reusePort().bindLoopback(0);
             PosixSocket second = PosixSocket.udp().reusePort().bindLoopback(first.port())) {
            BpfMap group = obj.map("reuseport_group");
            group.update(u32(0), u64(first.fd()));
            group.update(u32(1), u64(second.fd()));
            obj.bss().setInt("reuseport_chosen", 1);
            Link link = obj.program(program).attach(new SocketOptions(first.fd()));

            sendFromFreshSockets(first.port(), 6);
            await().atMost(SETTLE).until(() -> obj.bss().getLong("reuseport_hits") == 6);
            assertEquals(0, first.drain(), "nothing for the socket not chosen");
            assertEquals(6, second.drain(), "every datagram went to slot 1");

            obj.bss().setInt("reuseport_chosen", 0);
            sendFromFreshSockets(first.port(), 6);
            await().atMost(SETTLE).until(() -> obj.bss().getLong("reuseport_hits") == 12);
            assertEquals(6, first.drain(), "every datagram went to slot 0");
            assertEquals(0, second.drain());

            link.close();
            sendFromFreshSockets(first.port(), 6);
            await().atMost(SETTLE).until(() -> first.drain() + second.drain() == 6);
            assertEquals(12, obj.bss().getLong("reuseport_hits"), "SO_DETACH_REUSEPORT_BPF: the kernel's hash again");
        }
    }

    /**
     * sk_msg on sendmsg and the stream parser + verdict on receive of the sockets in a sockmap:
     * through a sockmap bpf_link (6.10) and through BPF_PROG_ATTACH.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sockmapProgramsSeeSendsAndReceivesUntilDetached(boolean progAttach, @BpfObjectResource(OBJECT) BpfObject obj)
            throws Exception {
        load(obj, "count_msg", "parse_stream", "count_stream_verdict");
        boolean viaLink = sockmapRoundTrip(obj, progAttach);
        assertEquals(!progAttach, viaLink, "this kernel (6.18) has sockmap links");
    }

    /**
     * Attaches the loaded count_msg, parse_stream and count_stream_verdict to the map
     * {@code sockets}, puts a connected TCP pair in, sees the programs fire both ways, detaches,
     * and sees them silent for the re-inserted sockets.
     *
     * @return whether the plugin made bpf_links (else BPF_PROG_ATTACH)
     */
    static boolean sockmapRoundTrip(BpfObject obj, boolean progAttach) throws Exception {
        BpfMap sockets = obj.map("sockets");
        SockmapOptions options = progAttach ? new SockmapOptions(sockets.fd()).viaProgAttach()
                : new SockmapOptions(sockets.fd());
        List<Link> links = new ArrayList<>();
        for (String program : List.of("count_msg", "parse_stream", "count_stream_verdict")) {
            links.add(obj.program(program).attach(options));
        }
        boolean viaLink = links.get(0).linkFd().isPresent();
        List<Integer> linkIds = new ArrayList<>();
        for (Link link : links) {
            assertEquals(!viaLink, link instanceof ProgAttachment, link.toString());
            link.linkFd().ifPresent(fd -> linkIds.add(Bpf.system().linkInfo(fd.fd()).id()));
        }
        assertEquals(viaLink ? 3 : 0, linkIds.size());
        assertAttached(sockets, 1);

        try (PosixSocket listener = PosixSocket.tcp().bindLoopback(0).listen();
             PosixSocket client = PosixSocket.tcp().connectLoopback(listener.port());
             PosixSocket server = listener.accept()) {
            sockets.update(u32(0), u32(client.fd()));
            sockets.update(u32(1), u32(server.fd()));

            client.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, server.receive(), "SK_PASS: the data arrives");
            server.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, client.receive());
            assertEquals(2, obj.bss().getLong("msg_hits"), "sk_msg ran on each sendmsg");
            assertEquals(2L * PAYLOAD.length, obj.bss().getLong("msg_bytes"));
            await().atMost(SETTLE).until(() -> obj.bss().getLong("verdict_hits") >= 2);
            assertTrue(obj.bss().getLong("parser_hits") >= 2, "the stream parser ran on each receive");

            links.forEach(Link::close);
            links.forEach(l -> assertFalse(l.isOpen()));
            for (int id : linkIds) {
                assertFalse(Fixtures.linkExists(id), "link " + id + " gone");
            }
            assertAttached(sockets, 0);

            // A socket keeps the programs it took when inserted: re-insert both to see the map's (none).
            sockets.delete(u32(0));
            sockets.delete(u32(1));
            sockets.update(u32(0), u32(client.fd()));
            sockets.update(u32(1), u32(server.fd()));
            long msgs = obj.bss().getLong("msg_hits");
            long verdicts = obj.bss().getLong("verdict_hits");
            long parses = obj.bss().getLong("parser_hits");
            client.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, server.receive());
            server.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, client.receive());
            assertEquals(msgs, obj.bss().getLong("msg_hits"), "sk_msg silent after detach");
            assertEquals(verdicts, obj.bss().getLong("verdict_hits"), "verdict silent after detach");
            assertEquals(parses, obj.bss().getLong("parser_hits"), "parser silent after detach");
            sockets.delete(u32(0));
            sockets.delete(u32(1));
        }
        return viaLink;
    }

    /** sk_skb/verdict (5.13): a verdict without a stream parser, per received skb. */
    @Test
    void skbVerdictSeesReceivesUntilDetached(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "count_skb_verdict");
        BpfMap sockets = obj.map("verdict_sockets");
        Link link = obj.program("count_skb_verdict").attach(new SockmapOptions(sockets.fd()));
        int id = Bpf.system().linkInfo(link.linkFd().orElseThrow().fd()).id();
        try (PosixSocket listener = PosixSocket.tcp().bindLoopback(0).listen();
             PosixSocket client = PosixSocket.tcp().connectLoopback(listener.port());
             PosixSocket server = listener.accept()) {
            sockets.update(u32(0), u32(server.fd()));
            for (int i = 0; i < 3; i++) {
                client.send(PAYLOAD);
                assertArrayEquals(PAYLOAD, server.receive());
            }
            assertEquals(3, obj.bss().getLong("skb_verdict_hits"), "one verdict per received segment");

            link.close();
            assertFalse(Fixtures.linkExists(id));
            sockets.delete(u32(0));
            sockets.update(u32(0), u32(server.fd()));
            client.send(PAYLOAD);
            assertArrayEquals(PAYLOAD, server.receive());
            assertEquals(3, obj.bss().getLong("skb_verdict_hits"), "silent after detach");
            sockets.delete(u32(0));
        }
    }

    /** Loads only {@code programs} of the object. */
    static void load(BpfObject obj, String... programs) {
        List<String> wanted = List.of(programs);
        obj.programs().forEach(p -> p.setAutoLoad(wanted.contains(p.name())));
        obj.load();
    }

    /**
     * Checks that the kernel lists {@code expected} sk_msg programs on the map ({@code
     * BPF_PROG_QUERY} on a sockmap, 6.0); kernels without that query are not asked.
     */
    private static void assertAttached(BpfMap map, int expected) {
        ProgQueryResult result;
        try {
            result = Bpf.system().progQuery(map.fd(), AttachType.SK_MSG_VERDICT, 0);
        } catch (BpfException e) {
            if (e.errno() == Errno.EINVAL) {
                return;   // before 6.0
            }
            throw e;
        }
        assertEquals(expected, result.programIds().length, "sk_msg programs the kernel lists on the map");
    }

    /** Sends one datagram to 127.0.0.1:{@code port} from each of {@code count} new sockets (new 4-tuples). */
    private static void sendFromFreshSockets(int port, int count) {
        for (int i = 0; i < count; i++) {
            try (PosixSocket sender = PosixSocket.udp().connectLoopback(port)) {
                sender.send(PAYLOAD);
            }
        }
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    static byte[] u64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array();
    }
}
