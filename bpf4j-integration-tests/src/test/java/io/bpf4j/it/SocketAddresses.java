package io.bpf4j.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code struct sockaddr_in}, {@code sockaddr_in6} and {@code sockaddr_un} as bytes for {@link LibC}. */
final class SocketAddresses {
    /** sizeof(struct sockaddr_in), sizeof(struct sockaddr_in6), sizeof(struct sockaddr_un). */
    static final int IN4_SIZE = 16;
    static final int IN6_SIZE = 28;
    static final int UN_SIZE = 110;

    private SocketAddresses() {
    }

    /** {@return 127.0.0.1:port} (the family in host order, port and address in network order) */
    static byte[] loopback4(int port) {
        byte[] a = family(IN4_SIZE, LibC.AF_INET, port);
        a[4] = 127;
        a[7] = 1;
        return a;
    }

    /** {@return [::1]:port} */
    static byte[] loopback6(int port) {
        byte[] a = family(IN6_SIZE, LibC.AF_INET6, port);
        a[8 + 15] = 1; // sin6_addr after family, port and flowinfo
        return a;
    }

    /** {@return the Unix socket address of {@code path}} */
    static byte[] unix(Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= UN_SIZE - 2) {
            throw new IllegalArgumentException("Unix socket path too long: " + path);
        }
        byte[] a = family(UN_SIZE, LibC.AF_UNIX, 0);
        System.arraycopy(name, 0, a, 2, name.length);
        return a;
    }

    private static byte[] family(int size, int family, int port) {
        byte[] a = new byte[size];
        ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort(0, (short) family);
        a[2] = (byte) (port >>> 8);
        a[3] = (byte) port;
        return a;
    }
}
