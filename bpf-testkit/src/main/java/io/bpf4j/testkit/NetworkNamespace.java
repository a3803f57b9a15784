package io.bpf4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh network namespace joined to the host's by a veth pair, made with
 * iproute2's {@code ip}: the host end ({@link #hostInterface()}, 10.199.x.1/30)
 * stays in the test's namespace, where XDP and tc programs attach to it; the
 * peer ({@link #peerInterface()}, .2) lives in the new namespace, where
 * {@link #exec} runs commands (e.g. {@code ping}) whose packets cross the pair.
 * Closing deletes the namespace and with it both ends. Inject it as a
 * parameter of a {@link BpfTest}, or {@link #create()} it by hand.
 */
public final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final String hostIf;
    private final String peerIf;
    private final String hostAddress;
    private final String peerAddress;
    private boolean closed;

    private NetworkNamespace(String name, String hostIf, String peerIf, String hostAddress, String peerAddress) {
        this.name = name;
        this.hostIf = hostIf;
        this.peerIf = peerIf;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
    }

    /**
     * Creates the namespace and the veth pair, both ends up, with addresses.
     *
     * @return the fixture; close it
     * @throws IllegalStateException when {@code ip} fails (its output is in the message)
     */
    public static NetworkNamespace create() {
        String id = UUID.randomUUID().toString().substring(0, 6);
        int subnet = 1 + Math.floorMod(id.hashCode(), 60);
        String ns = "bpf4j-" + id;
        String host = "b4j" + id + "h";
        String peer = "b4j" + id + "p";
        String hostAddr = "10.199." + subnet + ".1";
        String peerAddr = "10.199." + subnet + ".2";
        NetworkNamespace n = new NetworkNamespace(ns, host, peer, hostAddr, peerAddr);
        try {
            ip("netns", "add", ns);
            ip("link", "add", host, "type", "veth", "peer", "name", peer, "netns", ns);
            ip("addr", "add", hostAddr + "/30", "dev", host);
            ip("link", "set", host, "up");
            ip("-n", ns, "addr", "add", peerAddr + "/30", "dev", peer);
            ip("-n", ns, "link", "set", peer, "up");
            ip("-n", ns, "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
        return n;
    }

    /** {@return the namespace's name (for {@code ip netns exec})} */
    public String name() {
        return name;
    }

    /** {@return the veth end in the test's namespace} */
    public String hostInterface() {
        return hostIf;
    }

    /** {@return the veth end inside the namespace} */
    public String peerInterface() {
        return peerIf;
    }

    /** {@return the host end's IPv4 address} */
    public String hostAddress() {
        return hostAddress;
    }

    /** {@return the peer's IPv4 address} */
    public String peerAddress() {
        return peerAddress;
    }

    /** {@return the host end's interface index (for XDP and tc attach)} */
    public int hostIfindex() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net", hostIf, "ifindex")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the ifindex of " + hostIf, e);
        }
    }

    /**
     * Runs a command inside the namespace and waits for it.
     *
     * @param command e.g. {@code "ping", "-c", "1", hostAddress()}
     * @return its output
     * @throws IllegalStateException when it fails
     */
    public String exec(String... command) {
        List<String> argv = new ArrayList<>(List.of("netns", "exec", name));
        argv.addAll(List.of(command));
        return ip(argv.toArray(String[]::new));
    }

    /** Deletes the namespace (and so the veth pair). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ip("link", "del", hostIf);
        } catch (RuntimeException ignored) {
            // gone with a failed create, or with the namespace
        }
        ip("netns", "del", name);
    }

    static String ip(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", argv) + " (is iproute2 installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", argv), e);
        }
    }

    @Override
    public String toString() {
        return "NetworkNamespace[" + name + ", " + hostIf + " <-> " + peerIf + "]";
    }
}
