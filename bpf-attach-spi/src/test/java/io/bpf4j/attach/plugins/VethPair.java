package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

/**
 * A veth pair whose outer end ({@link #outer}, 10.x.y.1) stays in the test's namespace and whose
 * peer (10.x.y.2) lives in a network namespace of its own; {@link #sendFromPeer()} sends one UDP
 * datagram from the peer to the outer end, so it enters the outer interface's ingress. Removed on
 * close, even after a failure half-way through set-up.
 */
final class VethPair implements AutoCloseable {

    final String namespace;
    final String outer;
    final String peer;
    private final String outerAddress;
    private final String peerAddress;

    VethPair(String tag) throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 200) + 20;
        namespace = "b4j" + tag + ProcessHandle.current().pid();
        outer = "b4j" + tag + "o" + (ProcessHandle.current().pid() % 100_000);
        peer = "b4j" + tag + "p" + (ProcessHandle.current().pid() % 100_000);
        int subnet = Math.abs((tag.hashCode() * 31) % 200) + 20;
        outerAddress = "10." + id + "." + subnet + ".1";
        peerAddress = "10." + id + "." + subnet + ".2";
        try {
            sh("ip", "netns", "add", namespace);
            sh("ip", "link", "add", outer, "type", "veth", "peer", "name", peer);
            sh("ip", "link", "set", peer, "netns", namespace);
            sh("ip", "addr", "add", outerAddress + "/24", "dev", outer);
            sh("ip", "link", "set", outer, "up");
            sh("ip", "netns", "exec", namespace, "ip", "addr", "add", peerAddress + "/24", "dev", peer);
            sh("ip", "netns", "exec", namespace, "ip", "link", "set", peer, "up");
            sh("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        } catch (IOException | InterruptedException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Sends one UDP datagram from the peer namespace to the outer address (port 9, discard). */
    void sendFromPeer() throws IOException, InterruptedException {
        // bash's /dev/udp opens a UDP socket, connects and writes; nothing need listen.
        sh("ip", "netns", "exec", namespace, "bash", "-c", "echo bpf4j > /dev/udp/" + outerAddress + "/9");
    }

    private static void sh(String... command) throws IOException, InterruptedException {
        KernelFixtures.Result result = KernelFixtures.run(List.of(command));
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        KernelFixtures.run(List.of("ip", "link", "del", outer));
        KernelFixtures.run(List.of("ip", "netns", "del", namespace));
    }
}
