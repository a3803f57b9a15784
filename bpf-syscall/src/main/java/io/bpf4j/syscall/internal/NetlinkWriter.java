package io.bpf4j.syscall.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Encodes one netlink request: a {@code struct nlmsghdr} ({@code include/uapi/linux/netlink.h}),
 * the family header (such as {@code struct ifinfomsg} or {@code struct tcmsg}), then attributes
 * ({@code struct nlattr}: u16 length, u16 type, payload, padded to 4 bytes), nested ones with
 * {@code NLA_F_NESTED}. Host byte order, as netlink wants.
 */
public final class NetlinkWriter {
    /** {@code NLA_F_NESTED}: the attribute holds attributes. */
    public static final int NLA_F_NESTED = 0x8000;
    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int HEADER_SIZE = 16;

    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    /**
     * Starts a message.
     *
     * @param type {@code nlmsg_type}, e.g. {@code RTM_NEWLINK}
     * @param flags {@code nlmsg_flags}; {@code NLM_F_REQUEST} is added
     */
    public NetlinkWriter(int type, int flags) {
        buffer.putInt(0);                      // nlmsg_len, set by bytes()
        buffer.putShort((short) type);
        buffer.putShort((short) (flags | 0x1)); // NLM_F_REQUEST
        buffer.putInt(0);                      // nlmsg_seq, set by the socket
        buffer.putInt(0);                      // nlmsg_pid: 0, the kernel fills it in
    }

    /** {@return this writer after appending the family header {@code header} as is} */
    public NetlinkWriter header(byte[] header) {
        ensure(header.length + 4);
        buffer.put(header);
        pad();
        return this;
    }

    /** {@return this writer after appending a u8 attribute} */
    public NetlinkWriter u8(int type, int value) {
        return attribute(type, new byte[] {(byte) value});
    }

    /** {@return this writer after appending a u16 attribute} */
    public NetlinkWriter u16(int type, int value) {
        return attribute(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** {@return this writer after appending a u32 attribute} */
    public NetlinkWriter u32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** {@return this writer after appending a NUL-terminated string attribute} */
    public NetlinkWriter string(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** {@return this writer after appending an attribute with {@code payload}} */
    public NetlinkWriter attribute(int type, byte[] payload) {
        ensure(payload.length + 8);
        buffer.putShort((short) (4 + payload.length));
        buffer.putShort((short) type);
        buffer.put(payload);
        pad();
        return this;
    }

    /** {@return this writer after opening a nested attribute, closed by {@link #end()}} */
    public NetlinkWriter begin(int type) {
        ensure(4);
        nests.push(buffer.position());
        buffer.putShort((short) 0);
        buffer.putShort((short) (type | NLA_F_NESTED));
        return this;
    }

    /** {@return this writer after closing the innermost nested attribute} */
    public NetlinkWriter end() {
        int start = nests.pop();
        buffer.putShort(start, (short) (buffer.position() - start));
        return this;
    }

    /**
     * {@return the encoded message with sequence number {@code seq}}
     *
     * @throws IllegalStateException if a nested attribute is still open
     */
    public byte[] bytes(int seq) {
        if (!nests.isEmpty()) {
            throw new IllegalStateException("unclosed nested netlink attribute");
        }
        buffer.putInt(0, buffer.position());
        buffer.putInt(8, seq);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void pad() {
        while ((buffer.position() & 3) != 0) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buffer.remaining() < more + 4) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more + 64))
                    .order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }
}
