package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The string section of one BTF blob. In split BTF, offsets below the base's total string length
 * name base strings and the split's own strings follow them (as in the kernel's module BTF).
 */
public final class StringTable {
    private final ByteBuffer buf;
    private final int start;
    private final int length;
    private final StringTable base;
    private final String origin;

    StringTable(ByteBuffer buf, int start, int length, StringTable base, String origin) {
        this.buf = buf;
        this.start = start;
        this.length = length;
        this.base = base;
        this.origin = origin;
    }

    /** {@return a copy of this table's own bytes (not the base's)} */
    public byte[] ownBytes() {
        byte[] out = new byte[length];
        buf.get(start, out);
        return out;
    }

    /** {@return the string offsets this table and its bases cover: [0, totalLength)} */
    public long totalLength() {
        return baseLength() + length;
    }

    private long baseLength() {
        return base == null ? 0 : base.totalLength();
    }

    /** {@return whether an offset (unsigned) names a string of this table or its bases} */
    public boolean contains(int offset) {
        return Integer.toUnsignedLong(offset) < totalLength();
    }

    /**
     * {@return the buffer holding the string at a valid offset (this table's or a base's)}; with
     * {@link #positionOf} it lets an index read names as bytes without making a {@code String}
     */
    public ByteBuffer bufferOf(int offset) {
        StringTable t = this;
        long off = Integer.toUnsignedLong(offset);
        long baseLen = t.baseLength();
        while (off < baseLen) {
            t = t.base;
            baseLen = t.baseLength();
        }
        return t.buf;
    }

    /** {@return the position in {@link #bufferOf} of the string at a valid offset} */
    public int positionOf(int offset) {
        StringTable t = this;
        long off = Integer.toUnsignedLong(offset);
        long baseLen = t.baseLength();
        while (off < baseLen) {
            t = t.base;
            baseLen = t.baseLength();
        }
        return t.start + (int) (off - baseLen);
    }

    /**
     * Returns the NUL-terminated string at an offset.
     *
     * @param offset the string offset (unsigned)
     * @param section the part of the format the offset was read from, for the error message
     * @param fieldOffset where the offset was read from, for the error message
     * @param fieldOrigin the origin of the data holding the field
     * @throws BtfFormatException if the offset is outside the string section
     */
    public String get(int offset, String fieldOrigin, String section, long fieldOffset) {
        long off = Integer.toUnsignedLong(offset);
        long baseLen = baseLength();
        if (off < baseLen) {
            return base.get(offset, fieldOrigin, section, fieldOffset);
        }
        long local = off - baseLen;
        if (local >= length) {
            throw new BtfFormatException(fieldOrigin, section, fieldOffset,
                    "string offset " + off + " is outside the string section (" + totalLength() + " bytes"
                            + (base == null ? "" : " with the base's") + ", " + origin + ")");
        }
        int from = start + (int) local;
        int end = start + length; // the last byte is NUL: checked when the table was parsed
        int i = from;
        while (i < end && buf.get(i) != 0) {
            i++;
        }
        int n = i - from;
        if (n == 0) {
            return "";
        }
        byte[] bytes = new byte[n];
        buf.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
