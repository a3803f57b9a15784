package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.SyscallNumbers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A netlink socket ({@code socket(AF_NETLINK, SOCK_RAW, protocol)}, netlink(7)) that sends one
 * request at a time and collects the kernel's answer: the data messages of a get or dump, and
 * the acknowledgement, whose error becomes a {@link BpfException} carrying the kernel's extended
 * acknowledgement text ({@code NETLINK_EXT_ACK}, Linux 4.12) when there is one.
 *
 * <p>Not thread-safe: one request at a time per socket. {@link Rtnetlink} builds the routing
 * requests bpf4j needs (XDP and tc) on top of it.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** {@code AF_NETLINK}. */
    static final int AF_NETLINK = 16;
    /** {@code SOCK_RAW}. */
    static final int SOCK_RAW = 3;
    /** {@code NETLINK_ROUTE}: rtnetlink. */
    public static final int NETLINK_ROUTE = 0;
    /** {@code SOL_NETLINK} (include/linux/socket.h). */
    static final int SOL_NETLINK = 270;
    /** {@code NETLINK_CAP_ACK} (4.3): acks carry only the request's header, not the whole request. */
    static final int NETLINK_CAP_ACK = 10;
    /** {@code NETLINK_EXT_ACK} (4.12): acks carry the kernel's error message. */
    static final int NETLINK_EXT_ACK = 11;
    /** {@code NLMSG_ERROR}: an ack (error 0) or an error. */
    static final int NLMSG_ERROR = 2;
    /** {@code NLMSG_DONE}: the end of a dump. */
    static final int NLMSG_DONE = 3;
    /** {@code NLM_F_CAPPED}: the ack carries only the request's header. */
    static final int NLM_F_CAPPED = 0x100;
    /** {@code NLM_F_ACK_TLVS}: extended ack attributes follow. */
    static final int NLM_F_ACK_TLVS = 0x200;
    /** {@code NLMSGERR_ATTR_MSG}: the kernel's error text. */
    static final int NLMSGERR_ATTR_MSG = 1;

    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() & 0x3FFF_FFFF));

    private final OwnedFd fd;
    private final int protocol;

    private NetlinkSocket(OwnedFd fd, int protocol) {
        this.fd = fd;
        this.protocol = protocol;
    }

    /**
     * Opens a netlink socket in the calling thread's network namespace.
     *
     * @param protocol e.g. {@link #NETLINK_ROUTE}
     * @throws BpfException if the kernel refuses
     */
    public static NetlinkSocket open(int protocol) {
        Bpf bpf = Bpf.system();
        OwnedFd fd = bpf.socket(AF_NETLINK, SOCK_RAW, protocol);
        try {
            bpf.setsockopt(fd.fd(), SOL_NETLINK, NETLINK_CAP_ACK, 1);
            try {
                bpf.setsockopt(fd.fd(), SOL_NETLINK, NETLINK_EXT_ACK, 1);
            } catch (BpfException e) {
                // Kernels before 4.12 answer without the text; the errno still says what failed.
            }
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
        return new NetlinkSocket(fd, protocol);
    }

    /** {@return the next sequence number for a request} */
    static int nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /**
     * Sends {@code request} (a whole {@code nlmsghdr} message whose {@code nlmsg_seq} is
     * {@code seq}; {@code NLM_F_ACK} set, or {@code NLM_F_DUMP}) and reads until the kernel's ack or
     * the end of the dump ({@code NLMSG_DONE}). Without either flag the call would wait forever.
     *
     * @param request the message
     * @param seq its sequence number
     * @param what the request's name for messages, e.g. {@code "RTM_SETLINK"}
     * @return the data messages of the answer, each a buffer over one whole message (header
     *     included) in host byte order
     * @throws BpfException {@code netlink(RTM_SETLINK) failed: EBUSY (...): <kernel text>}
     */
    public List<ByteBuffer> request(byte[] request, int seq, String what) {
        Objects.requireNonNull(request, "request");
        List<ByteBuffer> answer = new ArrayList<>();
        try (Memory memory = new Memory(Math.max(request.length, RECEIVE_BUFFER))) {
            memory.write(0, request, 0, request.length);
            long rc = LibC.syscall(SyscallNumbers.SENDTO, fd.fd(), Pointer.nativeValue(memory), request.length, 0, 0, 0);
            if (rc < 0) {
                throw new BpfException("netlink(" + what + ")", LibC.errno(), "sendto", null);
            }
            while (true) {
                long n = LibC.syscall(SyscallNumbers.RECVFROM, fd.fd(), Pointer.nativeValue(memory), RECEIVE_BUFFER, 0,
                        0, 0);
                if (n < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    throw new BpfException("netlink(" + what + ")", errno, "recvfrom", null);
                }
                ByteBuffer datagram = memory.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
                if (readDatagram(datagram, (int) n, seq, what, answer)) {
                    return answer;
                }
            }
        }
    }

    /** {@return true when the answer is complete} */
    private static boolean readDatagram(ByteBuffer datagram, int length, int seq, String what, List<ByteBuffer> into) {
        int position = 0;
        while (position + 16 <= length) {
            int messageLength = datagram.getInt(position);
            int type = Short.toUnsignedInt(datagram.getShort(position + 4));
            int flags = Short.toUnsignedInt(datagram.getShort(position + 6));
            int messageSeq = datagram.getInt(position + 8);
            if (messageLength < 16 || position + messageLength > length) {
                throw new BpfException("netlink(" + what + ")", Errno.EIO, "malformed answer (length "
                        + messageLength + " at " + position + ")", null);
            }
            if (messageSeq == seq) {
                if (type == NLMSG_ERROR) {
                    int error = datagram.getInt(position + 16);
                    if (error == 0) {
                        return true;
                    }
                    throw new BpfException("netlink(" + what + ")", -error, extendedAck(datagram, position,
                            messageLength, flags), null);
                }
                if (type == NLMSG_DONE) {
                    return true;
                }
                byte[] copy = new byte[messageLength];
                datagram.get(position, copy);
                into.add(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()));
            }
            position += (messageLength + 3) & ~3;
        }
        return false;
    }

    private static String extendedAck(ByteBuffer datagram, int position, int messageLength, int flags) {
        if ((flags & NLM_F_ACK_TLVS) == 0) {
            return "";
        }
        // struct nlmsgerr: int error, then the request's header (capped) or whole request.
        int echoed = (flags & NLM_F_CAPPED) != 0 ? 16 : datagram.getInt(position + 20);
        int start = position + 16 + 4 + ((echoed + 3) & ~3);
        NetlinkAttributes attributes = NetlinkAttributes.parse(datagram, start, position + messageLength);
        return attributes.string(NLMSGERR_ATTR_MSG).orElse("");
    }

    /** {@return the netlink protocol} */
    public int protocol() {
        return protocol;
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "NetlinkSocket[protocol " + protocol + ", " + fd + "]";
    }
}
