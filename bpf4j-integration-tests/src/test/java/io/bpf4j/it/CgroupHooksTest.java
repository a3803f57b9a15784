package io.bpf4j.it;

import static io.bpf4j.it.LibC.AF_INET;
import static io.bpf4j.it.LibC.AF_INET6;
import static io.bpf4j.it.LibC.AF_UNIX;
import static io.bpf4j.it.LibC.SOCK_DGRAM;
import static io.bpf4j.it.LibC.SOL_SOCKET;
import static io.bpf4j.it.SocketAddresses.IN4_SIZE;
import static io.bpf4j.it.SocketAddresses.IN6_SIZE;
import static io.bpf4j.it.SocketAddresses.UN_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.ProgAttachment;
import io.bpf4j.attach.plugins.CgroupOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgAttachFlags;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every cgroup hook that is not a packet filter, end to end: one program per hook compiled from
 * C (cgroup_hooks.bpf.c), attached through {@link CgroupOptions} to a cgroup of the test's own
 * into which this JVM moves for the duration of each test ({@link JvmInCgroup}), triggered by
 * exactly the system call that runs the hook (through libc: {@link LibC}), seen in its slot of
 * {@code hits}; then detached: the link is gone and the hook silent. sysctl and device programs
 * also go through {@code BPF_PROG_ATTACH} with its override and multi flags. Linux 6.7+ for the
 * {@code _unix} hooks (the build host runs 6.18).
 */
class CgroupHooksTest {
    private static final String OBJECT = "/META-INF/bpf/cgroup_hooks.bpf.o";

    @TempDir
    static Path sockets;
    private static BpfObject obj;

    /** The hooks, in the order of their slots in cgroup_hooks.bpf.c, each with its trigger. */
    enum Hook {
        SOCK_RELEASE(() -> LibC.INSTANCE.close(socket(AF_INET))),
        POST_BIND4(() -> close(bound4())),
        POST_BIND6(() -> close(bound6())),
        BIND4(() -> close(bound4())),
        BIND6(() -> close(bound6())),
        CONNECT4(() -> close(connected4())),
        CONNECT6(() -> close(connected6())),
        CONNECT_UNIX(() -> unixPair((a, b) -> { })),
        SENDMSG4(() -> sendTo(socket(AF_INET), SocketAddresses.loopback4(9))),
        SENDMSG6(() -> sendTo(socket(AF_INET6), SocketAddresses.loopback6(9))),
        SENDMSG_UNIX(() -> unixBound((a, path) -> sendTo(socket(AF_UNIX), SocketAddresses.unix(path)))),
        RECVMSG4(() -> receiveOwnDatagram(bound4(), IN4_SIZE)),
        RECVMSG6(() -> receiveOwnDatagram(bound6(), IN6_SIZE)),
        RECVMSG_UNIX(() -> unixBound((a, path) -> receiveOwnDatagram(a, UN_SIZE, SocketAddresses.unix(path)))),
        GETPEERNAME4(() -> peerName(connected4(), IN4_SIZE)),
        GETPEERNAME6(() -> peerName(connected6(), IN6_SIZE)),
        GETPEERNAME_UNIX(() -> unixPair((a, b) -> LibC.INSTANCE.getpeername(b, new byte[UN_SIZE], new int[] {UN_SIZE}))),
        GETSOCKNAME4(() -> sockName(bound4(), IN4_SIZE)),
        GETSOCKNAME6(() -> sockName(bound6(), IN6_SIZE)),
        GETSOCKNAME_UNIX(() -> unixBound((a, path) -> LibC.INSTANCE.getsockname(a, new byte[UN_SIZE], new int[] {UN_SIZE}))),
        SOCKOPS(CgroupHooksTest::tcpConnection),
        GETSOCKOPT(() -> {
            int fd = socket(AF_INET);
            LibC.INSTANCE.getsockopt(fd, SOL_SOCKET, LibC.SO_TYPE, new byte[4], new int[] {4});
            close(fd);
        }),
        SETSOCKOPT(() -> {
            int fd = socket(AF_INET);
            LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, LibC.SO_REUSEADDR, new byte[] {1, 0, 0, 0}, 4);
            close(fd);
        }),
        SYSCTL(() -> Files.readString(Path.of("/proc/sys/kernel/ostype"))),
        DEV(() -> new FileInputStream("/dev/null").close());

        private final Trigger trigger;

        Hook(Trigger trigger) {
            this.trigger = trigger;
        }

        String program() {
            return "count_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @FunctionalInterface
    interface Trigger {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface PairUse {
        void use(int first, int second) throws Exception;
    }

    @FunctionalInterface
    interface BoundUse {
        void use(int fd, Path path) throws Exception;
    }

    @BeforeAll
    static void load() {
        obj = BpfObject.openResource(CgroupHooksTest.class, OBJECT);
        obj.load();
    }

    @AfterAll
    static void closeObject() {
        if (obj != null) {
            obj.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Hook.class)
    void firesThroughBpfLinkAndIsSilentAfterDetach(Hook hook) throws Exception {
        try (JvmInCgroup cgroup = JvmInCgroup.enter("hooks")) {
            Link link = obj.program(hook.program()).attach(CgroupOptions.of(cgroup.path())
                    .with(CgroupOptions.Mechanism.LINK, 0));
            int linkId = Bpf.system().linkInfo(assertInstanceOf(BpfLink.class, link).fd().fd()).id();
            long before = settled(hook);
            hook.trigger.run();
            long fired = settled(hook);
            assertTrue(fired > before, hook + " ran: " + before + " -> " + fired);
            link.close();
            assertFalse(Fixtures.linkExists(linkId), "link gone");
            hook.trigger.run();
            assertEquals(fired, settled(hook), hook + " silent after detach");
        }
    }

    @Test
    void sysctlAndDeviceThroughProgAttachWithOverrideAndMultiFlags() throws Exception {
        try (JvmInCgroup cgroup = JvmInCgroup.enter("progattach")) {
            Link sysctl = obj.program(Hook.SYSCTL.program()).attach(CgroupOptions.of(cgroup.path())
                    .with(CgroupOptions.Mechanism.PROG_ATTACH, ProgAttachFlags.BPF_F_ALLOW_OVERRIDE));
            Link dev = obj.program(Hook.DEV.program()).attach(CgroupOptions.of(cgroup.path())
                    .with(CgroupOptions.Mechanism.PROG_ATTACH, ProgAttachFlags.BPF_F_ALLOW_MULTI));
            assertEquals(ProgAttachFlags.BPF_F_ALLOW_OVERRIDE, assertInstanceOf(ProgAttachment.class, sysctl).flags());
            assertEquals(ProgAttachFlags.BPF_F_ALLOW_MULTI, assertInstanceOf(ProgAttachment.class, dev).flags());
            assertTrue(attached(cgroup.path(), AttachType.CGROUP_SYSCTL, Hook.SYSCTL));
            assertTrue(attached(cgroup.path(), AttachType.CGROUP_DEVICE, Hook.DEV));
            for (Hook hook : new Hook[] {Hook.SYSCTL, Hook.DEV}) {
                long before = settled(hook);
                hook.trigger.run();
                assertTrue(settled(hook) > before, hook + " ran");
            }
            sysctl.close();
            dev.close();
            assertFalse(attached(cgroup.path(), AttachType.CGROUP_SYSCTL, Hook.SYSCTL), "detached");
            assertFalse(attached(cgroup.path(), AttachType.CGROUP_DEVICE, Hook.DEV), "detached");
            for (Hook hook : new Hook[] {Hook.SYSCTL, Hook.DEV}) {
                long after = settled(hook);
                hook.trigger.run();
                assertEquals(after, settled(hook), hook + " silent after detach");
            }
        }
    }

    private static boolean attached(Path cgroup, AttachType type, Hook hook) {
        Bpf bpf = Bpf.system();
        int programId = bpf.progInfo(obj.program(hook.program()).fd()).id();
        try (OwnedFd fd = bpf.open(cgroup.toString(), Bpf.O_DIRECTORY)) {
            return bpf.progQuery(fd.fd(), type, 0).contains(programId);
        }
    }

    /** The hook's count once it stops moving: a TCP handshake may still be running hooks. */
    private static long settled(Hook hook) throws InterruptedException {
        long previous = hits(hook);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(50);
            long now = hits(hook);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long hits(Hook hook) {
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(hook.ordinal()).array();
        return ByteBuffer.wrap(obj.map("hits").lookup(key).orElseThrow()).order(ByteOrder.nativeOrder()).getLong();
    }

    // ---- triggers: one system call that runs the hook, around the set-up it needs ----

    private static int socket(int family) {
        return LibC.INSTANCE.socket(family, SOCK_DGRAM, 0);
    }

    private static void close(int fd) {
        LibC.INSTANCE.close(fd);
    }

    private static int bound4() {
        int fd = socket(AF_INET);
        LibC.INSTANCE.bind(fd, SocketAddresses.loopback4(0), IN4_SIZE);
        return fd;
    }

    private static int bound6() {
        int fd = socket(AF_INET6);
        LibC.INSTANCE.bind(fd, SocketAddresses.loopback6(0), IN6_SIZE);
        return fd;
    }

    private static int connected4() {
        int fd = socket(AF_INET);
        LibC.INSTANCE.connect(fd, SocketAddresses.loopback4(9), IN4_SIZE);
        return fd;
    }

    private static int connected6() {
        int fd = socket(AF_INET6);
        LibC.INSTANCE.connect(fd, SocketAddresses.loopback6(9), IN6_SIZE);
        return fd;
    }

    private static void sendTo(int fd, byte[] address) {
        try {
            LibC.INSTANCE.sendto(fd, new byte[] {'b', '4', 'j'}, 3, 0, address, address.length);
        } finally {
            close(fd);
        }
    }

    private static void peerName(int fd, int size) {
        try {
            LibC.INSTANCE.getpeername(fd, new byte[size], new int[] {size});
        } finally {
            close(fd);
        }
    }

    private static void sockName(int fd, int size) {
        try {
            LibC.INSTANCE.getsockname(fd, new byte[size], new int[] {size});
        } finally {
            close(fd);
        }
    }

    /** Sends a datagram to the socket's own address, then receives it asking for the sender's address. */
    private static void receiveOwnDatagram(int fd, int size) {
        byte[] self = new byte[size];
        try {
            LibC.INSTANCE.getsockname(fd, self, new int[] {size});
        } catch (RuntimeException e) {
            close(fd);
            throw e;
        }
        receiveOwnDatagram(fd, size, self);
    }

    private static void receiveOwnDatagram(int fd, int size, byte[] self) {
        try {
            LibC.INSTANCE.sendto(fd, new byte[] {1}, 1, 0, self, self.length);
            LibC.INSTANCE.recvfrom(fd, new byte[8], 8, 0, new byte[size], new int[] {size});
        } finally {
            close(fd);
        }
    }

    /** A Unix datagram socket bound to a fresh path, handed to {@code use}, then closed and unlinked. */
    private static void unixBound(BoundUse use) throws Exception {
        Path path = Files.createTempFile(sockets, "s", ".sock");
        Files.delete(path);
        int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
        try {
            LibC.INSTANCE.bind(fd, SocketAddresses.unix(path), UN_SIZE);
            use.use(fd, path);
        } finally {
            close(fd);
            Files.deleteIfExists(path);
        }
    }

    /** A bound Unix datagram socket and a second one connected to it. */
    private static void unixPair(PairUse use) throws Exception {
        unixBound((a, path) -> {
            int b = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
            try {
                LibC.INSTANCE.connect(b, SocketAddresses.unix(path), UN_SIZE);
                use.use(a, b);
            } finally {
                close(b);
            }
        });
    }

    private static void tcpConnection() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            assertEquals(1, accepted.getInputStream().read());
        }
    }
}
