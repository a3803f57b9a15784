package io.bpf4j.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An IPv4 loopback socket made through the C library (JNA), for the tests that need what Java's
 * sockets hide: the descriptor (to attach a socket filter to, or to put in a sockmap or a
 * reuseport array) and {@code SO_REUSEPORT}. Closed with {@link #close()}.
 */
final class PosixSocket implements AutoCloseable {

    /** The C library calls used here; a failure throws {@link LastErrorException} with errno. */
    private interface C extends Library {
        C LIB = Native.load("c", C.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int setsockopt(int fd, int level, int option, int[] value, int length) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int connect(int fd, byte[] address, int length) throws LastErrorException;

        int listen(int fd, int backlog) throws LastErrorException;

        int accept(int fd, byte[] address, int[] length) throws LastErrorException;

        int getsockname(int fd, byte[] address, int[] length) throws LastErrorException;

        long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    // include/uapi/linux/socket.h, in.h, asm-generic/socket.h (x86_64 and aarch64).
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEPORT = 15;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EAGAIN = 11;

    private final int fd;
    private boolean open = true;

    private PosixSocket(int fd) {
        this.fd = fd;
    }

    /** {@return a new UDP socket} */
    static PosixSocket udp() {
        return new PosixSocket(C.LIB.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    }

    /** {@return a new TCP socket} */
    static PosixSocket tcp() {
        return new PosixSocket(C.LIB.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    }

    /** {@return the descriptor} */
    int fd() {
        return fd;
    }

    /** {@return this socket, with {@code SO_REUSEPORT} set (before bind: joins the port's group)} */
    PosixSocket reusePort() {
        C.LIB.setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, new int[] {1}, 4);
        return this;
    }

    /** {@return this socket, bound to 127.0.0.1:{@code port} (0: any free port)} */
    PosixSocket bindLoopback(int port) {
        C.LIB.bind(fd, loopback(port), 16);
        return this;
    }

    /** {@return this socket, connected to 127.0.0.1:{@code port}} */
    PosixSocket connectLoopback(int port) {
        C.LIB.connect(fd, loopback(port), 16);
        return this;
    }

    /** {@return this socket, listening} */
    PosixSocket listen() {
        C.LIB.listen(fd, 16);
        return this;
    }

    /** {@return the next connection of this listening socket} */
    PosixSocket accept() {
        return new PosixSocket(C.LIB.accept(fd, new byte[16], new int[] {16}));
    }

    /** {@return the local port} */
    int port() {
        byte[] address = new byte[16];
        C.LIB.getsockname(fd, address, new int[] {16});
        return ((address[2] & 0xFF) << 8) | (address[3] & 0xFF);
    }

    /** Sends {@code data} (to the connected peer). */
    void send(byte[] data) {
        long sent = C.LIB.send(fd, data, data.length, 0);
        if (sent != data.length) {
            throw new AssertionError("sent " + sent + " of " + data.length + " bytes");
        }
    }

    /** {@return what one receive returns, waiting for it} */
    byte[] receive() {
        byte[] buffer = new byte[2048];
        long n = C.LIB.recv(fd, buffer, buffer.length, 0);
        return Arrays.copyOf(buffer, (int) n);
    }

    /** {@return what one receive returns now, or null if nothing is queued} */
    byte[] receiveNow() {
        byte[] buffer = new byte[2048];
        try {
            long n = C.LIB.recv(fd, buffer, buffer.length, MSG_DONTWAIT);
            return Arrays.copyOf(buffer, (int) n);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return null;
            }
            throw e;
        }
    }

    /** {@return how many datagrams or reads are queued now (each drained)} */
    int drain() {
        int count = 0;
        while (receiveNow() != null) {
            count++;
        }
        return count;
    }

    private static byte[] loopback(int port) {
        // struct sockaddr_in: family (host order), port and address (network order), zero padding.
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET)
                .order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port).putInt(4, 0x7F000001).array();
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            C.LIB.close(fd);
        }
    }

    @Override
    public String toString() {
        return "PosixSocket[fd " + fd + "]";
    }
}
