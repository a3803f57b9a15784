package io.bpf4j.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads over the whole file. Every read names what is being read so that a
 * malformed file ends in an {@link ElfFormatException}, never an IndexOutOfBoundsException.
 */
final class ElfBytes {
    private final ByteBuffer buffer;
    private final String origin;

    ElfBytes(ByteBuffer buffer, String origin, ByteOrder order) {
        this.buffer = buffer.duplicate().order(order);
        this.origin = origin;
    }

    String origin() {
        return origin;
    }

    long length() {
        return buffer.capacity();
    }

    ByteOrder order() {
        return buffer.order();
    }

    /** Checks that {@code [offset, offset + size)} lies inside the file; the numbers are unsigned. */
    void require(long offset, long size, String section, long reportOffset, String what) {
        if (!fits(offset, size)) {
            throw new ElfFormatException(origin, section, reportOffset, what + " (" + Long.toUnsignedString(size)
                    + " bytes at file offset " + Long.toUnsignedString(offset) + ") extends past the end of the "
                    + length() + "-byte file");
        }
    }

    boolean fits(long offset, long size) {
        long len = length();
        return offset >= 0 && size >= 0 && offset <= len && size <= len - offset;
    }

    int u8(long offset) {
        return buffer.get((int) offset) & 0xff;
    }

    int u16(long offset) {
        return buffer.getShort((int) offset) & 0xffff;
    }

    int s32(long offset) {
        return buffer.getInt((int) offset);
    }

    long u32(long offset) {
        return Integer.toUnsignedLong(buffer.getInt((int) offset));
    }

    long s64(long offset) {
        return buffer.getLong((int) offset);
    }

    /** A read-only view of {@code size} bytes at {@code offset}, already checked by the caller. */
    ByteBuffer slice(long offset, long size) {
        ByteBuffer view = buffer.duplicate();
        view.limit((int) (offset + size)).position((int) offset);
        return view.slice().order(buffer.order()).asReadOnlyBuffer().order(buffer.order());
    }

    /**
     * Reads a NUL-terminated string at {@code index} inside a string table occupying
     * {@code [tableOffset, tableOffset + tableSize)} of the file.
     */
    String string(long tableOffset, long tableSize, long index, String tableName, String what) {
        if (index < 0 || index >= tableSize) {
            throw new ElfFormatException(origin, tableName, index, what + ": string index "
                    + Long.toUnsignedString(index) + " is outside the " + tableSize + "-byte string table");
        }
        long end = tableOffset + tableSize;
        long p = tableOffset + index;
        long start = p;
        while (p < end && buffer.get((int) p) != 0) {
            p++;
        }
        if (p == end) {
            throw new ElfFormatException(origin, tableName, index, what + ": string is not NUL-terminated");
        }
        int len = (int) (p - start);
        if (len == 0) {
            return "";
        }
        byte[] bytes = new byte[len];
        buffer.get((int) start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
