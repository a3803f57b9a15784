package io.bpf4j.btf;

import io.bpf4j.btf.internal.BtfLayout;
import io.bpf4j.btf.internal.TypeEncoder;
import io.bpf4j.btf.internal.TypeTable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes BTF: new BTF from scratch, or more types appended to an existing one. Types are given as
 * {@link BtfType} records (their {@code id} is ignored: each added type gets the next id) and
 * names are interned into the string section, each distinct string once.
 *
 * <pre>{@code
 * BtfBuilder b = BtfBuilder.create();
 * int u32 = b.add(new BtfType.Int(0, "unsigned int", 4, 0, 0, 32));
 * int pair = b.add(new BtfType.Struct(0, "pair", 8, List.of(
 *         new BtfType.Member("a", u32, 0, 0), new BtfType.Member("b", u32, 32, 0))));
 * Btf btf = b.build();
 * }</pre>
 *
 * <p>Appending keeps the existing types and strings byte for byte, so ids and string offsets
 * that {@code .BTF.ext} or instructions refer to stay valid; {@code BtfBuilder.appendingTo(btf)
 * .toBytes()} is {@code btf.toBytes()} when nothing was added (for BTF in the standard layout:
 * 24-byte header, types, then strings). Writing every decoded type of a parsed BTF into
 * {@link #withStringsOf} reproduces clang's and the kernel's BTF byte for byte (see the round-trip
 * tests). Not thread-safe.
 */
public final class BtfBuilder {
    private final ByteOrder order;
    private final Btf base;
    private final int firstId;
    private final long stringBase;
    private final byte[] keptTypes;
    private final int keptCount;
    private final byte[] keptStrings;
    private final ByteArrayOutputStream addedStrings = new ByteArrayOutputStream();
    private final ByteArrayOutputStream addedTypes = new ByteArrayOutputStream();
    private int addedCount;
    private Map<String, Integer> offsets;

    private BtfBuilder(ByteOrder order, Btf base, int firstId, long stringBase, byte[] keptTypes, int keptCount,
            byte[] keptStrings) {
        this.order = order;
        this.base = base;
        this.firstId = firstId;
        this.stringBase = stringBase;
        this.keptTypes = keptTypes;
        this.keptCount = keptCount;
        this.keptStrings = keptStrings;
    }

    /** {@return a builder of new, little-endian BTF with no types} */
    public static BtfBuilder create() {
        return create(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Starts new BTF with no types.
     *
     * @param order the byte order to write
     * @return the builder
     */
    public static BtfBuilder create(ByteOrder order) {
        return new BtfBuilder(order, null, 1, 0, new byte[0], 0, new byte[] {0});
    }

    /**
     * Starts new split BTF on top of a base: ids continue after the base's, string offsets after
     * the base's strings.
     *
     * @param base the base, e.g. {@link Btf#kernel()}
     * @return the builder
     */
    public static BtfBuilder createSplit(Btf base) {
        Objects.requireNonNull(base, "base");
        return new BtfBuilder(base.order(), base, base.typeCount(), base.table().strings().totalLength(),
                new byte[0], 0, new byte[0]);
    }

    /**
     * Starts from an existing BTF's own types and strings, kept byte for byte; added types get
     * ids from {@code btf.typeCount()} on.
     *
     * @param btf the BTF to extend (split BTF stays split over the same base)
     * @return the builder
     */
    public static BtfBuilder appendingTo(Btf btf) {
        TypeTable t = btf.table();
        ByteBuffer buf = t.buffer();
        byte[] types = new byte[t.typeEnd() - t.typeStart()];
        buf.get(t.typeStart(), types);
        byte[] strings = t.strings().ownBytes();
        Btf base = btf.base().orElse(null);
        long stringBase = base == null ? 0 : base.table().strings().totalLength();
        return new BtfBuilder(btf.order(), base, t.firstId(), stringBase, types, t.count(), strings);
    }

    /**
     * Starts BTF with no types whose string section begins as a copy of another BTF's: a name
     * already there keeps its offset. Re-adding every type of {@code btf} in id order gives back
     * its bytes (strings only referenced from {@code .BTF.ext}, such as clang's source lines, are
     * kept too): this is how a rewritten BTF keeps {@code .BTF.ext}'s string offsets valid.
     *
     * @param btf the BTF whose own strings to start from
     * @return the builder; for split BTF, over the same base
     */
    public static BtfBuilder withStringsOf(Btf btf) {
        TypeTable t = btf.table();
        Btf base = btf.base().orElse(null);
        long stringBase = base == null ? 0 : base.table().strings().totalLength();
        return new BtfBuilder(btf.order(), base, t.firstId(), stringBase, new byte[0], 0, t.strings().ownBytes());
    }

    /** {@return the id the next added type gets} */
    public int nextId() {
        return firstId + keptCount + addedCount;
    }

    /**
     * Interns a string: returns the offset of an identical string already in the section, or
     * adds it.
     *
     * @param s the string, without NUL bytes
     * @return its string offset (for split BTF, counted from the base's first string)
     * @throws IllegalArgumentException if it contains a NUL byte
     */
    public int addString(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a BTF string cannot contain NUL: '" + s.replace("\0", "\\0") + "'");
        }
        Map<String, Integer> map = offsets();
        Integer known = map.get(s);
        if (known != null) {
            return known;
        }
        long off = stringBase + keptStrings.length + addedStrings.size();
        if (off > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("string section exceeds 2 GiB");
        }
        addedStrings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        addedStrings.write(0);
        map.put(s, (int) off);
        return (int) off;
    }

    private Map<String, Integer> offsets() {
        if (offsets == null) {
            offsets = new HashMap<>();
            int start = 0;
            for (int i = 0; i < keptStrings.length; i++) {
                if (keptStrings[i] == 0) {
                    offsets.putIfAbsent(new String(keptStrings, start, i - start, StandardCharsets.UTF_8),
                            (int) (stringBase + start));
                    start = i + 1;
                }
            }
        }
        return offsets;
    }

    /**
     * Adds a type.
     *
     * @param type the type; its {@code id} is ignored, its references are ids of this BTF (or the base)
     * @return the new type's id
     * @throws IllegalArgumentException if the record cannot be encoded, or {@link BtfType.Void}
     */
    public int add(BtfType type) {
        Objects.requireNonNull(type, "type");
        if (type instanceof BtfType.Void) {
            throw new IllegalArgumentException("void is id 0 and is never written");
        }
        ByteBuffer b = ByteBuffer.allocate(TypeEncoder.size(type)).order(order);
        TypeEncoder.encode(type, b, this::addString);
        addedTypes.writeBytes(b.array());
        return firstId + keptCount + addedCount++;
    }

    /**
     * Overwrites one 32-bit word of a kept type (word 0 is {@code name_off}, 1 {@code info},
     * 2 {@code size}/{@code type}, then the kind's data): the sanitizer's in-place rewrites.
     */
    void patchWord(int id, int word, int value) {
        int local = id - firstId;
        if (local < 0 || local >= keptCount) {
            throw new IllegalArgumentException("type id " + id + " is not one of the kept types");
        }
        int at = keptOffsets()[local] + 4 * word;
        ByteBuffer.wrap(keptTypes).order(order).putInt(at, value);
    }

    private int[] keptOffsetsCache;

    private int[] keptOffsets() {
        if (keptOffsetsCache == null) {
            int[] o = new int[keptCount];
            ByteBuffer b = ByteBuffer.wrap(keptTypes).order(order);
            int pos = 0;
            for (int i = 0; i < keptCount; i++) {
                o[i] = pos;
                int info = b.getInt(pos + 4);
                pos += BtfLayout.TYPE_HEADER_SIZE + (int) BtfLayout.extraBytes(BtfLayout.kind(info), BtfLayout.vlen(info));
            }
            keptOffsetsCache = o;
        }
        return keptOffsetsCache;
    }

    /**
     * {@return the raw BTF: a 24-byte header, the types, the strings}
     */
    public byte[] toBytes() {
        int typeLen = keptTypes.length + addedTypes.size();
        int strLen = keptStrings.length + addedStrings.size();
        ByteBuffer b = ByteBuffer.allocate(BtfLayout.HEADER_SIZE + typeLen + strLen).order(order);
        b.putShort((short) BtfLayout.MAGIC).put((byte) BtfLayout.VERSION).put((byte) 0).putInt(BtfLayout.HEADER_SIZE);
        b.putInt(0).putInt(typeLen).putInt(typeLen).putInt(strLen);
        b.put(keptTypes).put(addedTypes.toByteArray()).put(keptStrings).put(addedStrings.toByteArray());
        return b.array();
    }

    /**
     * Parses what was built.
     *
     * @param origin the origin the new {@link Btf} reports
     * @return the BTF
     * @throws IllegalArgumentException if an added type refers to an id that does not exist
     */
    public Btf build(String origin) {
        ByteBuffer data = ByteBuffer.wrap(toBytes()).order(order);
        try {
            return base == null ? Btf.parse(data, origin) : Btf.parseSplit(data, base, origin);
        } catch (BtfFormatException e) {
            throw new IllegalArgumentException("the built BTF is invalid: " + e.getMessage(), e);
        }
    }

    /** {@return {@link #build(String)} with origin "built BTF"} */
    public Btf build() {
        return build("built BTF");
    }
}
