package io.bpf4j.btf.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Type ids by name for one table (anonymous types left out), built in one pass on first use.
 *
 * <p>Names are read as bytes in the string section: building the index makes no {@code String}
 * and no object per type. The key is a name's <em>essential</em> part, the bytes before its last
 * CO-RE flavor separator ({@code task_struct___old} -> {@code task_struct}, see
 * {@link #essentialLength(byte[], int)}), so one index answers both exact lookups and CO-RE's
 * candidate search. An open-addressing table holds one slot per distinct essential name
 * (hash, length, first id); the ids sharing it are chained in ascending order through
 * {@code next}, so a name repeated by every type costs one slot, not a probe per type.
 */
public final class NameIndex {
    private static final int[] NONE = new int[0];

    // A slot is two adjacent ints, so a probe touches one cache line: building the index is bound
    // by cache misses (one per name in the string section, one per probe), not by arithmetic.
    private static final int SLOT_INTS = 2;
    private static final int HASH = 0;
    /** First id of the slot's essential name; 0 marks an empty slot (type ids start at 1). */
    private static final int HEAD = 1;

    private final TypeTable table;
    private final int mask;
    private final int[] slots;
    /** By local index (id - firstId): the next id with the same essential name, 0 at the end. */
    private final int[] next;
    /** By local index: the length in bytes of the type's essential name (0 for anonymous types). */
    private final int[] lengths;

    private NameIndex(TypeTable table, int[] slots, int[] next, int[] lengths) {
        this.table = table;
        this.mask = slots.length / SLOT_INTS - 1;
        this.slots = slots;
        this.next = next;
        this.lengths = lengths;
    }

    /** Builds the index of a table's local types. */
    public static NameIndex build(TypeTable t) {
        int capacity = Integer.highestOneBit(Math.max(16, t.count()) * 2 - 1) << 1; // load <= 1/2
        int[] slots = new int[capacity * SLOT_INTS];
        int[] next = new int[t.count()];
        int[] lengths = new int[t.count()];
        int[] tails = null; // by slot, the last id chained so far; only names that repeat need one
        int mask = capacity - 1;
        StringTable strings = t.strings();
        int first = t.firstId();
        for (int id = first; id < t.endId(); id++) {
            int nameOff = t.nameOffset(id);
            if (nameOff == 0) {
                continue;
            }
            ByteBuffer b = strings.bufferOf(nameOff);
            int from = strings.positionOf(nameOff);
            // One pass finds the end and hashes; a name with "___" in it may have a flavor, whose
            // essential part is hashed again (rare in kernel BTF).
            int end = from;
            int hash = 0;
            int underscores = 0;
            boolean maybeFlavored = false;
            for (byte c; (c = b.get(end)) != 0; end++) {
                hash = 31 * hash + c;
                underscores = c == '_' ? underscores + 1 : 0;
                maybeFlavored |= underscores == 3;
            }
            if (end == from) {
                continue;
            }
            int length = end - from;
            if (maybeFlavored) {
                length = essentialLength(b, from, length);
                hash = hash(b, from, length);
            }
            lengths[id - first] = length;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                int at = slot * SLOT_INTS;
                int head = slots[at + HEAD];
                if (head == 0) {
                    slots[at + HASH] = hash;
                    slots[at + HEAD] = id;
                    break;
                }
                if (slots[at + HASH] == hash && lengths[head - first] == length
                        && sameBytes(strings, t.nameOffset(head), b, from, length)) {
                    if (tails == null) {
                        tails = new int[capacity];
                    }
                    int tail = tails[slot] == 0 ? head : tails[slot];
                    next[tail - first] = id;
                    tails[slot] = id;
                    break;
                }
            }
        }
        return new NameIndex(t, slots, next, lengths);
    }

    /**
     * {@return the ids of a table's local types with exactly this name, ascending, found by
     * comparing bytes type by type without an index}: cheaper than building the index for a
     * few lookups (most names differ from the one sought in their first byte)
     */
    public static int[] scan(TypeTable t, String name) {
        if (name.isEmpty() || name.indexOf(0) >= 0) {
            return NONE;
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringTable strings = t.strings();
        int[] out = NONE;
        int n = 0;
        for (int id = t.firstId(); id < t.endId(); id++) {
            int nameOff = t.nameOffset(id);
            if (nameOff == 0) {
                continue;
            }
            ByteBuffer b = strings.bufferOf(nameOff);
            int from = strings.positionOf(nameOff);
            if (b.get(from) == bytes[0] && sameBytes(b, from, bytes) && b.get(from + bytes.length) == 0) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.max(4, n * 2));
                }
                out[n++] = id;
            }
        }
        return n == 0 ? NONE : Arrays.copyOf(out, n);
    }

    /**
     * Finds the ids of several essential names in one pass over a table's local types without an
     * index: each type's essential name is hashed once and looked up among the few names sought,
     * a table small enough to stay in the CPU's cache. For CO-RE on a freshly read BTF this costs
     * the hashing alone, not the writes of a whole index.
     *
     * @param t the table
     * @param essentials the essential names sought
     * @return for each name, in order, the ids whose essential name equals it, ascending
     */
    public static int[][] scanEssential(TypeTable t, String[] essentials) {
        int[][] out = new int[essentials.length][];
        int[] counts = new int[essentials.length];
        byte[][] wanted = new byte[essentials.length][];
        int capacity = Integer.highestOneBit(Math.max(8, essentials.length) * 4 - 1) << 1;
        int qmask = capacity - 1;
        int[] queryHash = new int[capacity];
        int[] querySlot = new int[capacity]; // index + 1 into essentials; 0 = empty
        long[] prefixes = new long[(1 << 16) / 64]; // hashed first four bytes of the names sought
        long[] shortFirstBytes = new long[4]; // first bytes of the names sought shorter than four
        for (int q = 0; q < essentials.length; q++) {
            out[q] = NONE;
            String e = essentials[q];
            if (e.isEmpty() || e.indexOf(0) >= 0) {
                continue;
            }
            wanted[q] = e.getBytes(StandardCharsets.UTF_8);
            int hash = 0;
            for (byte c : wanted[q]) {
                hash = 31 * hash + c;
            }
            int slot = mix(hash) & qmask;
            while (querySlot[slot] != 0) {
                slot = (slot + 1) & qmask;
            }
            queryHash[slot] = hash;
            querySlot[slot] = q + 1;
            // Every name with this essential part starts with its first four bytes; a shorter
            // essential part is filtered on its first byte only.
            if (wanted[q].length >= PREFIX) {
                int key = prefixKey(wanted[q][0], wanted[q][1], wanted[q][2], wanted[q][3]);
                prefixes[key >>> 6] |= 1L << (key & 63);
            } else {
                shortFirstBytes[(wanted[q][0] & 0xff) >>> 6] |= 1L << (wanted[q][0] & 63);
            }
        }
        StringTable strings = t.strings();
        for (int id = t.firstId(); id < t.endId(); id++) {
            int nameOff = t.nameOffset(id);
            if (nameOff == 0) {
                continue;
            }
            ByteBuffer b = strings.bufferOf(nameOff);
            int from = strings.positionOf(nameOff);
            // Most names are skipped after a look at their first bytes, as strcmp would.
            byte c0 = b.get(from);
            if (c0 == 0) {
                continue;
            }
            boolean maybe = (shortFirstBytes[(c0 & 0xff) >>> 6] & (1L << (c0 & 63))) != 0;
            if (!maybe) {
                byte c1 = b.get(from + 1);
                byte c2 = c1 == 0 ? 0 : b.get(from + 2);
                byte c3 = c2 == 0 ? 0 : b.get(from + 3);
                int key = prefixKey(c0, c1, c2, c3);
                if (c3 == 0 || (prefixes[key >>> 6] & (1L << (key & 63))) == 0) {
                    continue;
                }
            }
            int end = from;
            int hash = 0;
            int underscores = 0;
            boolean maybeFlavored = false;
            for (byte c; (c = b.get(end)) != 0; end++) {
                hash = 31 * hash + c;
                underscores = c == '_' ? underscores + 1 : 0;
                maybeFlavored |= underscores == 3;
            }
            int length = end - from;
            if (maybeFlavored) {
                length = essentialLength(b, from, length);
                hash = hash(b, from, length);
            }
            for (int slot = mix(hash) & qmask; querySlot[slot] != 0; slot = (slot + 1) & qmask) {
                int q = querySlot[slot] - 1;
                if (queryHash[slot] == hash && wanted[q].length == length && length > 0 && sameBytes(b, from, wanted[q])) {
                    if (counts[q] == out[q].length) {
                        out[q] = Arrays.copyOf(out[q], Math.max(4, counts[q] * 2));
                    }
                    out[q][counts[q]++] = id;
                }
            }
        }
        for (int q = 0; q < out.length; q++) {
            if (counts[q] != out[q].length) {
                out[q] = Arrays.copyOf(out[q], counts[q]);
            }
        }
        return out;
    }

    /** {@return the ids with exactly this name, ascending; empty if none} */
    public int[] ids(String name) {
        if (name.indexOf(0) >= 0) {
            return NONE; // no BTF name holds a NUL
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int head = head(bytes, essentialLength(bytes, bytes.length));
        if (head == 0) {
            return NONE;
        }
        StringTable strings = table.strings();
        int[] out = new int[4];
        int n = 0;
        for (int id = head; id != 0; id = next[id - table.firstId()]) {
            int nameOff = table.nameOffset(id);
            ByteBuffer b = strings.bufferOf(nameOff);
            int from = strings.positionOf(nameOff);
            if (sameBytes(b, from, bytes) && b.get(from + bytes.length) == 0) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = id;
            }
        }
        return n == 0 ? NONE : Arrays.copyOf(out, n);
    }

    /**
     * {@return the ids whose name's essential part (the name without its last {@code ___flavor}
     * suffix) equals {@code essential}, ascending; empty if none}
     */
    public int[] idsByEssentialName(String essential) {
        if (essential.indexOf(0) >= 0) {
            return NONE;
        }
        byte[] bytes = essential.getBytes(StandardCharsets.UTF_8);
        int head = head(bytes, bytes.length);
        if (head == 0) {
            return NONE;
        }
        int n = 0;
        for (int id = head; id != 0; id = next[id - table.firstId()]) {
            n++;
        }
        int[] out = new int[n];
        n = 0;
        for (int id = head; id != 0; id = next[id - table.firstId()]) {
            out[n++] = id;
        }
        return out;
    }

    /** The first id of the slot whose essential name is {@code bytes[0, length)}, or 0. */
    private int head(byte[] bytes, int length) {
        if (length == 0) {
            return 0;
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        StringTable strings = table.strings();
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            int at = slot * SLOT_INTS;
            int head = slots[at + HEAD];
            if (head == 0) {
                return 0;
            }
            if (slots[at + HASH] == hash && lengths[head - table.firstId()] == length) {
                int nameOff = table.nameOffset(head);
                ByteBuffer b = strings.bufferOf(nameOff);
                int from = strings.positionOf(nameOff);
                boolean same = true;
                for (int i = 0; i < length && same; i++) {
                    same = b.get(from + i) == bytes[i];
                }
                if (same) {
                    return head;
                }
            }
        }
    }

    /** Names of at least this many bytes are prefiltered on their first bytes by a batch scan. */
    private static final int PREFIX = 4;

    private static int prefixKey(byte c0, byte c1, byte c2, byte c3) {
        return mix(((c0 * 31 + c1) * 31 + c2) * 31 + c3) & 0xffff;
    }

    private static int hash(ByteBuffer b, int from, int length) {
        int hash = 0;
        for (int i = from, end = from + length; i < end; i++) {
            hash = 31 * hash + b.get(i);
        }
        return hash;
    }

    /** Spreads the polynomial hash's low bits, which select the slot. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static boolean sameBytes(StringTable strings, int nameOff, ByteBuffer b, int from, int length) {
        ByteBuffer a = strings.bufferOf(nameOff);
        int at = strings.positionOf(nameOff);
        for (int i = 0; i < length; i++) {
            if (a.get(at + i) != b.get(from + i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(ByteBuffer b, int from, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (b.get(from + i) != bytes[i]) { // the string's NUL ends a shorter name here
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the length of the essential part of the name {@code bytes[0, length)}}: the
     * prefix before the last flavor separator, three underscores between two bytes that are not
     * underscores (libbpf's {@code bpf_core_essential_name_len}); the whole length if none
     */
    public static int essentialLength(byte[] bytes, int length) {
        for (int i = length - 5; i >= 0; i--) {
            if (bytes[i] != '_' && bytes[i + 1] == '_' && bytes[i + 2] == '_' && bytes[i + 3] == '_'
                    && bytes[i + 4] != '_') {
                return i + 1;
            }
        }
        return length;
    }

    private static int essentialLength(ByteBuffer b, int from, int length) {
        for (int i = from + length - 5; i >= from; i--) {
            if (b.get(i) != '_' && b.get(i + 1) == '_' && b.get(i + 2) == '_' && b.get(i + 3) == '_'
                    && b.get(i + 4) != '_') {
                return i + 1 - from;
            }
        }
        return length;
    }
}
