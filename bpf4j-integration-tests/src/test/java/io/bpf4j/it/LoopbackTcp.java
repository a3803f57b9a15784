package io.bpf4j.it;

import static io.bpf4j.it.LibC.AF_INET;
import static io.bpf4j.it.LibC.ENOENT;
import static io.bpf4j.it.LibC.IPPROTO_TCP;
import static io.bpf4j.it.LibC.SOCK_STREAM;
import static io.bpf4j.it.LibC.TCP_CONGESTION;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection over loopback whose sending side uses a congestion control chosen by name.
 * Java's socket API has no {@code TCP_CONGESTION}, so the client is a raw socket driven through
 * libc with JNA ({@link LibC}); the server is an ordinary Java {@link ServerSocket} that reads everything.
 */
final class LoopbackTcp {
    /** TCP_CA_NAME_MAX (include/net/tcp.h). */
    private static final int NAME_MAX = 16;

    private LoopbackTcp() {
    }

    /** The kernel has no congestion control of that name ({@code ENOENT}). */
    static final class NoSuchCongestionControl extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchCongestionControl(String name) {
            super("no congestion control '" + name + "' (ENOENT)");
        }
    }

    /**
     * What a transfer saw.
     *
     * @param congestionControl the congestion control the client socket reported after connecting
     * @param received bytes the server read
     */
    record Transfer(String congestionControl, long received) {
    }

    /** Brings the loopback interface up where it is down (bpf-testkit's VMs boot with it down). */
    static void ensureLoopbackUp() throws IOException, InterruptedException {
        int flags = Integer.decode(java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net/lo/flags")).trim());
        if ((flags & 1) == 0) { // IFF_UP (include/uapi/linux/if.h)
            Fixtures.run(true, "ip", "link", "set", "lo", "up");
        }
    }

    /** Connects with congestion control {@code name}, sends {@code bytes} and closes. */
    static Transfer send(String name, int bytes) throws IOException, InterruptedException {
        LibC c = LibC.INSTANCE;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> drain(server));
            int fd = c.socket(AF_INET, SOCK_STREAM, 0);
            try {
                byte[] wanted = (name + "\0").getBytes(StandardCharsets.US_ASCII);
                try {
                    c.setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, wanted, wanted.length - 1);
                } catch (LastErrorException e) {
                    received.cancel(true);
                    if (e.getErrorCode() == ENOENT) {
                        throw new NoSuchCongestionControl(name);
                    }
                    throw e;
                }
                c.connect(fd, SocketAddresses.loopback4(server.getLocalPort()), SocketAddresses.IN4_SIZE);
                byte[] current = new byte[NAME_MAX];
                c.getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, current, new int[] {NAME_MAX});
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < bytes; ) {
                    sent += (int) c.write(fd, chunk, Math.min(chunk.length, bytes - sent));
                }
                c.close(fd);
                fd = -1;
                long got = received.get(30, TimeUnit.SECONDS);
                return new Transfer(new String(current, StandardCharsets.US_ASCII).replace("\0", ""), got);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("the loopback server failed", e);
            } finally {
                if (fd >= 0) {
                    c.close(fd);
                }
            }
        }
    }

    private static long drain(ServerSocket server) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
