package io.bpf4j.syscall;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes ({@code struct nlattr}) of a netlink message or of a nested attribute, by type;
 * a type that occurs more than once keeps its first occurrence. Malformed lengths end the list
 * rather than reading past it.
 */
public final class NetlinkAttributes {
    private final Map<Integer, ByteBuffer> byType = new LinkedHashMap<>();

    private NetlinkAttributes() {
    }

    /**
     * {@return the attributes in {@code buffer} from {@code offset} to {@code end}}
     *
     * @param buffer a message in host byte order
     */
    public static NetlinkAttributes parse(ByteBuffer buffer, int offset, int end) {
        NetlinkAttributes attributes = new NetlinkAttributes();
        int position = offset;
        while (position + 4 <= end) {
            int length = Short.toUnsignedInt(buffer.getShort(position));
            int type = Short.toUnsignedInt(buffer.getShort(position + 2)) & 0x3FFF; // drop NESTED / BYTEORDER
            if (length < 4 || position + length > end) {
                break;
            }
            ByteBuffer payload = buffer.duplicate().order(ByteOrder.nativeOrder());
            payload.position(position + 4).limit(position + length);
            attributes.byType.putIfAbsent(type, payload.slice().order(ByteOrder.nativeOrder()));
            position += (length + 3) & ~3;
        }
        return attributes;
    }

    /** {@return the payload of attribute {@code type}, if present} */
    public Optional<ByteBuffer> get(int type) {
        ByteBuffer payload = byType.get(type);
        return payload == null ? Optional.empty() : Optional.of(payload.duplicate().order(ByteOrder.nativeOrder()));
    }

    /** {@return the nested attributes of attribute {@code type}, empty if absent} */
    public NetlinkAttributes nested(int type) {
        ByteBuffer payload = byType.get(type);
        return payload == null ? new NetlinkAttributes() : parse(payload, 0, payload.limit());
    }

    /** {@return attribute {@code type} as a u32, if present and large enough} */
    public Optional<Integer> u32(int type) {
        ByteBuffer payload = byType.get(type);
        return payload == null || payload.limit() < 4 ? Optional.empty() : Optional.of(payload.getInt(0));
    }

    /** {@return attribute {@code type} as a u8, if present} */
    public Optional<Integer> u8(int type) {
        ByteBuffer payload = byType.get(type);
        return payload == null || payload.limit() < 1 ? Optional.empty() : Optional.of(payload.get(0) & 0xFF);
    }

    /** {@return attribute {@code type} as a string up to its first NUL, if present} */
    public Optional<String> string(int type) {
        ByteBuffer payload = byType.get(type);
        if (payload == null) {
            return Optional.empty();
        }
        int length = 0;
        while (length < payload.limit() && payload.get(length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        payload.get(0, bytes);
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** {@return whether there are no attributes} */
    public boolean isEmpty() {
        return byType.isEmpty();
    }
}
