package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A validated header and the start offset of every type of one raw BTF blob: the only work
 * done eagerly. One pass over the type section, bounded by its length; no object per type.
 */
public final class TypeTable {
    private static final String HEADER = "header";
    private static final String TYPES = "types";
    private static final String STRINGS = "strings";

    private final ByteBuffer buf;
    private final String origin;
    private final int typeStart;
    private final int typeEnd;
    private final int firstId;
    private final int[] offsets;
    private final int count;
    private final StringTable strings;

    private TypeTable(ByteBuffer buf, String origin, int typeStart, int typeEnd, int firstId, int[] offsets,
            int count, StringTable strings) {
        this.buf = buf;
        this.origin = origin;
        this.typeStart = typeStart;
        this.typeEnd = typeEnd;
        this.firstId = firstId;
        this.offsets = offsets;
        this.count = count;
        this.strings = strings;
    }

    /**
     * Detects the byte order of BTF or {@code .BTF.ext} data from its 16-bit magic at offset 0.
     *
     * @throws BtfFormatException if fewer than 2 bytes or neither order gives {@code BTF_MAGIC}
     */
    public static ByteOrder detectOrder(ByteBuffer data, String origin, String section) {
        if (data.remaining() < 2) {
            throw new BtfFormatException(origin, section, data.remaining(),
                    "truncated header: " + data.remaining() + " bytes, the magic needs 2");
        }
        int b0 = data.get(data.position()) & 0xff;
        int b1 = data.get(data.position() + 1) & 0xff;
        if (b0 == 0x9F && b1 == 0xEB) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (b0 == 0xEB && b1 == 0x9F) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new BtfFormatException(origin, section, 0,
                String.format("bad magic 0x%02x%02x (bytes %02x %02x), expected 0xeb9f in either byte order",
                        b1, b0, b0, b1));
    }

    /**
     * Validates the header and indexes the types of raw BTF.
     *
     * @param data the bytes from position to limit; viewed, not copied
     * @param origin where the bytes came from, for messages
     * @param base the base's table for split BTF, or {@code null}
     */
    public static TypeTable parse(ByteBuffer data, String origin, TypeTable base) {
        ByteOrder order = detectOrder(data, origin, HEADER);
        ByteBuffer buf = data.slice().order(order).asReadOnlyBuffer().order(order);
        int length = buf.limit();
        if (length < BtfLayout.HEADER_SIZE) {
            throw new BtfFormatException(origin, HEADER, length,
                    "truncated header: " + length + " bytes, struct btf_header needs " + BtfLayout.HEADER_SIZE);
        }
        int version = buf.get(2) & 0xff;
        if (version != BtfLayout.VERSION) {
            throw new BtfFormatException(origin, HEADER, 2, "unsupported BTF version " + version);
        }
        long hdrLen = u32(buf, 4);
        if (hdrLen < BtfLayout.HEADER_SIZE || hdrLen > length) {
            throw new BtfFormatException(origin, HEADER, 4,
                    "hdr_len " + hdrLen + " is outside [" + BtfLayout.HEADER_SIZE + ", " + length + "]");
        }
        long typeOff = u32(buf, 8);
        long typeLen = u32(buf, 12);
        long strOff = u32(buf, 16);
        long strLen = u32(buf, 20);
        if (hdrLen + typeOff + typeLen > length) {
            throw new BtfFormatException(origin, HEADER, 8, "type section (type_off " + typeOff + ", type_len "
                    + typeLen + ") ends past the data (" + (length - hdrLen) + " bytes after the header)");
        }
        if (typeOff % 4 != 0) {
            throw new BtfFormatException(origin, HEADER, 8, "type_off " + typeOff + " is not 4-byte aligned");
        }
        if (hdrLen + strOff + strLen > length) {
            throw new BtfFormatException(origin, HEADER, 16, "string section (str_off " + strOff + ", str_len "
                    + strLen + ") ends past the data (" + (length - hdrLen) + " bytes after the header)");
        }
        if (typeOff < strOff + strLen && strOff < typeOff + typeLen) {
            throw new BtfFormatException(origin, HEADER, 8, "type section [" + typeOff + ", " + (typeOff + typeLen)
                    + ") overlaps string section [" + strOff + ", " + (strOff + strLen) + ")");
        }
        int strStart = (int) (hdrLen + strOff);
        if (strLen > 0 && buf.get(strStart + (int) strLen - 1) != 0) {
            throw new BtfFormatException(origin, STRINGS, strStart + strLen - 1,
                    "string section does not end with a NUL byte");
        }
        if (base == null && (strLen == 0 || buf.get(strStart) != 0)) {
            throw new BtfFormatException(origin, STRINGS, strStart,
                    "string section must start with the empty string (a NUL byte)");
        }
        StringTable strings = new StringTable(buf, strStart, (int) strLen, base == null ? null : base.strings, origin);
        int typeStart = (int) (hdrLen + typeOff);
        int typeEnd = (int) (typeStart + typeLen);
        int firstId = base == null ? 1 : base.endId();

        // Every type is at least 12 bytes, so typeLen / 12 bounds the count; grow on demand so small
        // inputs with a large (but in-bounds) type_len do not allocate for types that are not there.
        int[] offsets = new int[(int) Math.min(typeLen / BtfLayout.TYPE_HEADER_SIZE, 1024)];
        int count = 0;
        int pos = typeStart;
        // The largest type id referenced anywhere and where: checked once the count is known, so
        // that every id read from the data is valid and only a caller's own ids can be wrong.
        long maxRef = 0;
        int maxRefAt = -1;
        while (pos < typeEnd) {
            if (typeEnd - pos < BtfLayout.TYPE_HEADER_SIZE) {
                throw new BtfFormatException(origin, TYPES, pos, "truncated btf_type: " + (typeEnd - pos)
                        + " bytes left in the type section, need " + BtfLayout.TYPE_HEADER_SIZE);
            }
            int nameOff = buf.getInt(pos);
            int info = buf.getInt(pos + 4);
            int kind = BtfLayout.kind(info);
            long extra = BtfLayout.extraBytes(kind, BtfLayout.vlen(info));
            if (kind == 0 || extra < 0) {
                throw new BtfFormatException(origin, TYPES, pos + 4,
                        "type id " + (firstId + count) + " has unknown kind " + kind);
            }
            if (BtfLayout.TYPE_HEADER_SIZE + extra > typeEnd - pos) {
                throw new BtfFormatException(origin, TYPES, pos + 4, "type id " + (firstId + count) + " (kind "
                        + kind + ", vlen " + BtfLayout.vlen(info) + ") needs " + (BtfLayout.TYPE_HEADER_SIZE + extra)
                        + " bytes but the type section has " + (typeEnd - pos) + " left");
            }
            if (!strings.contains(nameOff)) {
                throw new BtfFormatException(origin, TYPES, pos, "type id " + (firstId + count) + " has name offset "
                        + Integer.toUnsignedLong(nameOff) + " outside the string section (" + strings.totalLength()
                        + " bytes)");
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(16, count + (count >> 1)));
            }
            offsets[count++] = pos;
            int vlen = BtfLayout.vlen(info);
            int first = refFieldStart(kind, pos);
            int stride = refStride(kind);
            int refs = refCount(kind, vlen);
            for (int i = 0, at = first; i < refs; i++, at += stride) {
                long ref = u32(buf, at);
                if (ref > maxRef) {
                    maxRef = ref;
                    maxRefAt = at;
                }
            }
            if (kind == 13 || kind == 3) { // FUNC_PROTO return type / ARRAY index type
                int at = kind == 13 ? pos + 8 : pos + 16;
                long ref = u32(buf, at);
                if (ref > maxRef) {
                    maxRef = ref;
                    maxRefAt = at;
                }
            }
            pos += BtfLayout.TYPE_HEADER_SIZE + (int) extra;
        }
        if (maxRef >= (long) firstId + count) {
            throw new BtfFormatException(origin, TYPES, maxRefAt, "refers to type id " + maxRef
                    + ", but the last id is " + ((long) firstId + count - 1));
        }
        if ((long) firstId + count - 1 > BtfLayout.MAX_TYPE_ID) {
            throw new BtfFormatException(origin, TYPES, typeStart,
                    "too many types: last id " + ((long) firstId + count - 1) + " exceeds BTF_MAX_TYPE");
        }
        if (offsets.length - count > 64) {
            offsets = Arrays.copyOf(offsets, count); // kept for the BTF's lifetime: no slack
        }
        return new TypeTable(buf, origin, typeStart, typeEnd, firstId, offsets, count, strings);
    }

    /** Where the type-id fields of a kind start (the first member's/param's type, or btf_type.type). */
    private static int refFieldStart(int kind, int pos) {
        switch (kind) {
            case 3: return pos + 12; // btf_array.type
            case 4: case 5: case 13: return pos + 16; // btf_member.type, btf_param.type
            case 15: return pos + 12; // btf_var_secinfo.type
            default: return pos + 8; // btf_type.type
        }
    }

    private static int refStride(int kind) {
        return kind == 13 ? 8 : 12;
    }

    /** How many type-id fields start at {@link #refFieldStart} with {@link #refStride}. */
    private static int refCount(int kind, int vlen) {
        switch (kind) {
            case 2: case 3: case 8: case 9: case 10: case 11: case 12: case 14: case 17: case 18:
                return 1;
            case 4: case 5: case 13: case 15:
                return vlen;
            default: // INT, ENUM, ENUM64, FWD, FLOAT hold no type ids
                return 0;
        }
    }

    private static long u32(ByteBuffer buf, int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }

    /** {@return the data viewed by this table, position 0, in the data's byte order} */
    public ByteBuffer buffer() {
        return buf;
    }

    /** {@return where the data came from} */
    public String origin() {
        return origin;
    }

    /** {@return the data's byte order} */
    public ByteOrder order() {
        return buf.order();
    }

    /** {@return the first type id stored here (1, or the base's end id for split BTF)} */
    public int firstId() {
        return firstId;
    }

    /** {@return one past the last type id stored here} */
    public int endId() {
        return firstId + count;
    }

    /** {@return the number of types stored here} */
    public int count() {
        return count;
    }

    /** {@return the string table (chained to the base's for split BTF)} */
    public StringTable strings() {
        return strings;
    }

    /** {@return the start of the type section} */
    public int typeStart() {
        return typeStart;
    }

    /** {@return the end of the type section} */
    public int typeEnd() {
        return typeEnd;
    }

    /** {@return the byte offset of a local type id's {@code struct btf_type}} */
    public int offsetOf(int id) {
        return offsets[id - firstId];
    }

    /** {@return {@code btf_type.info} of a local type id} */
    public int info(int id) {
        return buf.getInt(offsetOf(id) + 4);
    }

    /** {@return the kind number of a local type id} */
    public int kind(int id) {
        return BtfLayout.kind(info(id));
    }

    /** {@return {@code btf_type.name_off} of a local type id} */
    public int nameOffset(int id) {
        return buf.getInt(offsetOf(id));
    }

    /** {@return {@code btf_type.size} / {@code .type} of a local type id} */
    public int sizeOrType(int id) {
        return buf.getInt(offsetOf(id) + 8);
    }

    /** {@return the u32 at a byte offset, as an int} */
    public int intAt(int offset) {
        return buf.getInt(offset);
    }

    /** {@return the name of a local type id} */
    public String name(int id) {
        int at = offsetOf(id);
        return strings.get(buf.getInt(at), origin, TYPES, at);
    }

    /** {@return the string at a field's offset} */
    public String stringAt(int fieldOffset) {
        return strings.get(buf.getInt(fieldOffset), origin, TYPES, fieldOffset);
    }
}
