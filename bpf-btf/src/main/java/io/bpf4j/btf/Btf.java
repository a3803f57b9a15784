package io.bpf4j.btf;

import io.bpf4j.btf.internal.BtfLayout;
import io.bpf4j.btf.internal.NameIndex;
import io.bpf4j.btf.internal.TypeDecoder;
import io.bpf4j.btf.internal.TypeTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Raw BTF: the type and string sections of a {@code .BTF} ELF section, of the kernel's
 * {@code /sys/kernel/btf/vmlinux} or of a module's split BTF.
 *
 * <p>A {@code Btf} is an immutable, lazy view over the bytes. Parsing validates the header and
 * records where each type starts (one bounded pass, one {@code int} per type); a type becomes a
 * {@link BtfType} record only when asked for, and the index by name is built on the first lookup
 * by name. Instances are safe to share between threads.
 *
 * <p>Type ids run from 0 ({@code void}) to {@link #typeCount()} - 1. In split BTF the ids of the
 * split part continue after the base's, and string offsets continue after the base's strings.
 *
 * <p>Malformed data raises {@link BtfFormatException}, either when parsing (header, sections,
 * type boundaries, name offsets) or when a type that refers to something invalid is decoded or
 * followed. A caller passing an id that does not exist gets {@link IllegalArgumentException}.
 */
public final class Btf {
    /** Where the running kernel exposes its BTF (kernel 5.5). */
    public static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");

    /** Pointer size of the BPF target, which is 64-bit whatever the host (BTF does not record it). */
    private static final int POINTER_SIZE = 8;

    /** Exact-name lookups answered by a scan before the name index pays off (a scan is ~1/10 of a build). */
    private static final int SCANS_BEFORE_INDEX = 3;
    /** Batch lookups by essential name answered by a scan (one per relocated object) before the index. */
    private static final int BATCH_SCANS_BEFORE_INDEX = 2;

    private static final BtfType.Void VOID = new BtfType.Void();
    private static final Object KERNEL_LOCK = new Object();
    private static volatile Btf kernel;

    private final TypeTable table;
    private final Btf base;
    private volatile NameIndex nameIndex;
    /** Lookups by exact name answered by scanning before the index is built. */
    private int scansLeft = SCANS_BEFORE_INDEX;
    /** Batch lookups by essential name answered by scanning before the index is built. */
    private int batchScansLeft = BATCH_SCANS_BEFORE_INDEX;
    private volatile BtfType[] cache;

    private Btf(TypeTable table, Btf base) {
        this.table = table;
        this.base = base;
    }

    /**
     * Parses raw BTF. The buffer's bytes from position to limit are viewed, not copied: do not
     * modify them afterwards. The byte order is detected from the magic.
     *
     * @param data raw BTF starting with {@code struct btf_header}
     * @param origin where the bytes came from, used in error messages ("vmlinux", "foo.bpf.o .BTF")
     * @return the parsed BTF
     * @throws BtfFormatException if the data is malformed
     */
    public static Btf parse(ByteBuffer data, String origin) {
        Objects.requireNonNull(data, "data");
        return new Btf(TypeTable.parse(data, origin, null), null);
    }

    /**
     * Parses split BTF (a kernel module's, or any BTF built on top of another): its type ids
     * continue after {@code base}'s and its string offsets after the base's string section.
     *
     * @param data raw split BTF starting with {@code struct btf_header}
     * @param base the BTF it extends, usually {@link #kernel()}
     * @param origin where the bytes came from, used in error messages
     * @return the parsed BTF, which also answers for the base's ids
     * @throws BtfFormatException if the data is malformed
     */
    public static Btf parseSplit(ByteBuffer data, Btf base, String origin) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(base, "base");
        return new Btf(TypeTable.parse(data, origin, base.table), base);
    }

    /**
     * Reads a file of raw BTF (not an ELF file: for a {@code .BTF} section, pass its bytes to
     * {@link #parse}).
     *
     * @param file the file, e.g. {@code /sys/kernel/btf/vmlinux}
     * @return the parsed BTF; its origin is the file name
     * @throws UncheckedIOException if the file cannot be read
     * @throws BtfFormatException if its content is malformed
     */
    public static Btf read(Path file) {
        return parse(ByteBuffer.wrap(readAll(file)), file.toString());
    }

    /**
     * Reads a file of raw split BTF, such as {@code /sys/kernel/btf/<module>}.
     *
     * @param file the file
     * @param base the BTF it extends
     * @return the parsed BTF
     * @throws UncheckedIOException if the file cannot be read
     * @throws BtfFormatException if its content is malformed
     */
    public static Btf readSplit(Path file, Btf base) {
        return parseSplit(ByteBuffer.wrap(readAll(file)), base, file.toString());
    }

    /** Bytes per read: the JDK copies reads up to 8 KiB through a stack buffer (see readAll). */
    private static final int READ_CHUNK = 8192;

    private static byte[] readAll(Path file) {
        // sysfs serves /sys/kernel/btf/* at most a page per read(2). Files.readAllBytes asks for the
        // whole rest each time, and the JDK mallocs a native buffer of that size for every such
        // read: ~1,400 malloc/free pairs of megabytes for vmlinux. Reads of 8 KiB use a stack buffer.
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size <= 0 || size > Integer.MAX_VALUE - 16) {
                return in.readAllBytes(); // size unknown (a pipe, procfs): let the JDK grow the array
            }
            byte[] out = new byte[(int) size];
            int n = 0;
            while (n < out.length) {
                int r = in.read(out, n, Math.min(READ_CHUNK, out.length - n));
                if (r < 0) {
                    return Arrays.copyOf(out, n); // shrank while reading
                }
                n += r;
            }
            byte[] more = in.readAllBytes(); // grew while reading
            if (more.length == 0) {
                return out;
            }
            byte[] all = Arrays.copyOf(out, n + more.length);
            System.arraycopy(more, 0, all, n, more.length);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BTF from " + file, e);
        }
    }

    /**
     * Returns the running kernel's BTF ({@link #KERNEL_BTF}), read and indexed once per process.
     * A failed read is not remembered: the next call tries again.
     *
     * @return the kernel's BTF
     * @throws UncheckedIOException if the kernel exposes no BTF (needs CONFIG_DEBUG_INFO_BTF, 5.5+)
     * @throws BtfFormatException if its content is malformed
     */
    public static Btf kernel() {
        Btf k = kernel;
        if (k == null) {
            synchronized (KERNEL_LOCK) {
                k = kernel;
                if (k == null) {
                    k = read(KERNEL_BTF);
                    kernel = k;
                }
            }
        }
        return k;
    }

    /**
     * Reads a kernel module's split BTF from {@code /sys/kernel/btf/<module>} on top of
     * {@link #kernel()}. Not cached.
     *
     * @param module the module name, e.g. "nf_tables"
     * @return the module's BTF, answering for the kernel's ids as well
     */
    public static Btf kernelModule(String module) {
        if (module.isEmpty() || module.contains("/") || module.equals("..")) {
            throw new IllegalArgumentException("not a module name: '" + module + "'");
        }
        return readSplit(KERNEL_BTF.resolveSibling(module), kernel());
    }

    /** {@return where the bytes came from (as given to the factory method)} */
    public String origin() {
        return table.origin();
    }

    /** {@return the byte order of the data, detected from the magic} */
    public ByteOrder order() {
        return table.order();
    }

    /** {@return the base BTF if this is split BTF} */
    public Optional<Btf> base() {
        return Optional.ofNullable(base);
    }

    /** {@return the first type id stored in this BTF's own bytes: 1, or the base's type count} */
    public int firstTypeId() {
        return table.firstId();
    }

    /**
     * Returns the number of type ids, including id 0 ({@code void}) and, for split BTF, the
     * base's: valid ids are 0 .. typeCount() - 1, and the last id is typeCount() - 1.
     *
     * @return the number of type ids
     */
    public int typeCount() {
        return table.endId();
    }

    /**
     * Returns a type, decoded from its bytes on first use.
     *
     * @param id a type id, 0 .. typeCount() - 1
     * @return the type ({@link BtfType.Void} for id 0)
     * @throws IllegalArgumentException if there is no such id
     * @throws BtfFormatException if the type's bytes are malformed (bad string offset, linkage)
     */
    public BtfType type(int id) {
        checkId(id);
        if (id == 0) {
            return VOID;
        }
        if (id < table.firstId()) {
            return base.type(id);
        }
        BtfType[] c = cache;
        if (c == null) {
            c = new BtfType[table.count()];
            cache = c;
        }
        int slot = id - table.firstId();
        BtfType t = c[slot];
        if (t == null) {
            // Records are immutable: a racing thread at worst decodes the same type twice.
            t = TypeDecoder.decode(table, id);
            c[slot] = t;
        }
        return t;
    }

    /**
     * Returns a type's kind without decoding it.
     *
     * @param id a type id
     * @return its kind ({@link BtfKind#UNKN} for void)
     * @throws IllegalArgumentException if there is no such id
     */
    public BtfKind kind(int id) {
        checkId(id);
        if (id == 0) {
            return BtfKind.UNKN;
        }
        TypeTable t = tableOf(id);
        return BtfKind.of(t.kind(id));
    }

    /**
     * Returns a type's name without decoding the rest of it.
     *
     * @param id a type id
     * @return the name, empty for anonymous types and void
     * @throws IllegalArgumentException if there is no such id
     */
    public String name(int id) {
        checkId(id);
        if (id == 0) {
            return "";
        }
        return tableOf(id).name(id);
    }

    /**
     * Finds the first type with a name and kind (base types first for split BTF).
     *
     * @param name the exact name
     * @param kind the kind
     * @return the lowest matching id, or -1 if none
     */
    public int findByName(String name, BtfKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (base != null) {
            int id = base.findByName(name, kind);
            if (id >= 0) {
                return id;
            }
        }
        for (int id : ownIdsByName(name)) {
            if (table.kind(id) == kind.value()) {
                return id;
            }
        }
        return -1;
    }

    /**
     * The first few lookups by exact name scan the types, as libbpf does; later ones build and use
     * the index. A single lookup (open vmlinux, find task_struct) then costs a pass comparing
     * first bytes, not an index of 100,000 names; CO-RE's many lookups go to the index at once.
     */
    private int[] ownIdsByName(String name) {
        NameIndex i = nameIndex;
        if (i == null && scansLeft > 0) {
            scansLeft--; // racy on purpose: a lost decrement only means one more scan
            return NameIndex.scan(table, name);
        }
        return index().ids(name);
    }

    /**
     * Finds every type with a name, of any kind (base types first for split BTF). The index by
     * name is built on the first call.
     *
     * @param name the exact name
     * @return the ids, ascending; empty if none
     */
    public int[] findAllByName(String name) {
        Objects.requireNonNull(name, "name");
        int[] own = ownIdsByName(name);
        if (base == null) {
            return own.clone();
        }
        int[] inBase = base.findAllByName(name);
        int[] all = Arrays.copyOf(inBase, inBase.length + own.length);
        System.arraycopy(own, 0, all, inBase.length, own.length);
        return all;
    }

    /**
     * Finds every type whose <em>essential</em> name equals {@code essentialName}: its name
     * without the last CO-RE flavor suffix ({@code ___} and anything after, between two
     * characters that are not underscores), so {@code "task_struct"} finds {@code task_struct}
     * and {@code task_struct___old}. This is the candidate search of CO-RE relocations (libbpf's
     * {@code bpf_core_add_cands}). Base types come first for split BTF; the index by name serves
     * both this and {@link #findAllByName}.
     *
     * @param essentialName the essential name to look for (itself without a flavor suffix)
     * @return the ids, ascending; empty if none
     */
    public int[] findAllByEssentialName(String essentialName) {
        Objects.requireNonNull(essentialName, "essentialName");
        int[] own = index().idsByEssentialName(essentialName);
        if (base == null) {
            return own.clone();
        }
        int[] inBase = base.findAllByEssentialName(essentialName);
        int[] all = Arrays.copyOf(inBase, inBase.length + own.length);
        System.arraycopy(own, 0, all, inBase.length, own.length);
        return all;
    }

    /**
     * Finds every type of several essential names at once ({@link #findAllByEssentialName} for
     * each). Before the name index exists, the first such calls answer with one pass over the
     * types that hashes each name and compares it with only the names sought (CO-RE asks for the
     * few dozen type names of an object at once); later calls build and use the index.
     *
     * @param essentialNames the essential names
     * @return for each name, in order, the ids, ascending (base types first for split BTF)
     */
    public int[][] findAllByEssentialNames(String... essentialNames) {
        int[][] own = ownIdsByEssentialNames(essentialNames);
        if (base != null) {
            int[][] inBase = base.findAllByEssentialNames(essentialNames);
            for (int q = 0; q < own.length; q++) {
                int[] all = Arrays.copyOf(inBase[q], inBase[q].length + own[q].length);
                System.arraycopy(own[q], 0, all, inBase[q].length, own[q].length);
                own[q] = all;
            }
        }
        return own;
    }

    /**
     * Like {@link #findAllByEssentialNames} but only among this BTF's own types.
     *
     * @param essentialNames the essential names
     * @return for each name, in order, the ids, ascending, all at least {@link #firstTypeId()}
     */
    public int[][] findOwnByEssentialNames(String... essentialNames) {
        return ownIdsByEssentialNames(essentialNames);
    }

    private int[][] ownIdsByEssentialNames(String[] essentialNames) {
        for (String n : essentialNames) {
            Objects.requireNonNull(n, "essential name");
        }
        NameIndex i = nameIndex;
        if (i == null && batchScansLeft > 0) {
            batchScansLeft--; // racy on purpose, as scansLeft
            return NameIndex.scanEssential(table, essentialNames);
        }
        i = index();
        int[][] out = new int[essentialNames.length][];
        for (int q = 0; q < out.length; q++) {
            out[q] = i.idsByEssentialName(essentialNames[q]).clone();
        }
        return out;
    }

    /**
     * Like {@link #findAllByEssentialName} but only among this BTF's own types, not a base's:
     * for split BTF, the types the module itself adds.
     *
     * @param essentialName the essential name to look for
     * @return the ids, ascending, all at least {@link #firstTypeId()}; empty if none
     */
    public int[] findOwnByEssentialName(String essentialName) {
        Objects.requireNonNull(essentialName, "essentialName");
        return index().idsByEssentialName(essentialName).clone();
    }

    private NameIndex index() {
        NameIndex i = nameIndex;
        if (i == null) {
            synchronized (this) {
                i = nameIndex;
                if (i == null) {
                    i = NameIndex.build(table);
                    nameIndex = i;
                }
            }
        }
        return i;
    }

    /**
     * Returns a DATASEC by name: the BTF of an ELF data section such as ".data" or ".maps".
     *
     * @param name the section name
     * @return the first DATASEC with that name
     */
    public Optional<BtfType.Datasec> datasec(String name) {
        int id = findByName(name, BtfKind.DATASEC);
        return id < 0 ? Optional.empty() : Optional.of((BtfType.Datasec) type(id));
    }

    /**
     * Skips typedefs and modifiers (const, volatile, restrict, type tags) to the underlying type.
     *
     * @param id a type id
     * @return the id of the first type that is not a typedef or modifier (possibly 0, void)
     * @throws IllegalArgumentException if there is no such id
     * @throws BtfFormatException on a dangling reference or a reference cycle
     */
    public int resolve(int id) {
        checkId(id);
        int cur = id;
        int steps = 0;
        while (cur != 0) {
            TypeTable t = tableOf(cur);
            int kind = t.kind(cur);
            if (!isModifier(kind)) {
                return cur;
            }
            cur = follow(t, cur, t.offsetOf(cur) + 8, t.sizeOrType(cur));
            if (++steps >= typeCount()) {
                throw cycle(id);
            }
        }
        return 0;
    }

    private static boolean isModifier(int kind) {
        return kind == BtfKind.TYPEDEF.value() || kind == BtfKind.VOLATILE.value()
                || kind == BtfKind.CONST.value() || kind == BtfKind.RESTRICT.value()
                || kind == BtfKind.TYPE_TAG.value();
    }

    /**
     * Returns the size in bytes of a type, following typedefs, modifiers, VARs and DECL_TAGs,
     * multiplying array element counts; pointers are 8 bytes (the BPF target).
     *
     * @param id a type id
     * @return the size in bytes
     * @throws IllegalArgumentException if there is no such id or the type has no size
     *     (void, FUNC, FUNC_PROTO, FWD)
     * @throws BtfFormatException on a dangling reference, a reference cycle or an overflowing size
     */
    public long sizeOf(int id) {
        checkId(id);
        long multiplier = 1;
        int cur = id;
        int steps = 0;
        while (true) {
            if (cur == 0) {
                throw new IllegalArgumentException("type id " + id + " (" + origin() + ") resolves to void, which has no size");
            }
            TypeTable t = tableOf(cur);
            int at = t.offsetOf(cur);
            BtfKind kind = BtfKind.of(t.kind(cur));
            switch (kind) {
                case INT: case ENUM: case ENUM64: case STRUCT: case UNION: case DATASEC: case FLOAT:
                    return multiply(t, at, multiplier, Integer.toUnsignedLong(t.sizeOrType(cur)));
                case PTR:
                    return multiply(t, at, multiplier, POINTER_SIZE);
                case TYPEDEF: case VOLATILE: case CONST: case RESTRICT: case VAR: case DECL_TAG: case TYPE_TAG:
                    cur = follow(t, cur, at + 8, t.sizeOrType(cur));
                    break;
                case ARRAY:
                    multiplier = multiply(t, at + 20, multiplier, Integer.toUnsignedLong(t.intAt(at + 20)));
                    cur = follow(t, cur, at + 12, t.intAt(at + 12));
                    break;
                default:
                    throw new IllegalArgumentException("type id " + id + " (" + origin() + ") is or leads to "
                            + kind + " id " + cur + ", which has no size");
            }
            if (++steps >= typeCount()) {
                throw cycle(id);
            }
        }
    }

    private static long multiply(TypeTable t, int at, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new BtfFormatException(t.origin(), "types", at, "size overflows: " + a + " * " + b);
        }
    }

    private int follow(TypeTable t, int from, int fieldOffset, int to) {
        if (to < 0 || to >= typeCount()) {
            throw new BtfFormatException(t.origin(), "types", fieldOffset, "type id " + from + " refers to type id "
                    + Integer.toUnsignedLong(to) + ", but the last id is " + (typeCount() - 1));
        }
        return to;
    }

    private BtfFormatException cycle(int id) {
        TypeTable t = tableOf(id);
        return new BtfFormatException(t.origin(), "types", t.offsetOf(id),
                "reference cycle: type id " + id + " leads back to itself through typedefs/modifiers/arrays");
    }

    /**
     * Returns a string of the string section (of the base, for offsets below its length), e.g.
     * the file name of a {@link LineInfo}.
     *
     * @param offset the string offset
     * @return the NUL-terminated string there
     * @throws BtfFormatException if the offset is outside the string section
     */
    public String string(int offset) {
        return table.strings().get(offset, origin(), "strings", Integer.toUnsignedLong(offset));
    }

    /**
     * Returns this BTF's own bytes (not the base's), as parsed or as edited: for BTF that was
     * parsed, exactly the input; this is what {@code BPF_BTF_LOAD} takes.
     *
     * @return a fresh copy of the bytes
     */
    public byte[] toBytes() {
        ByteBuffer b = table.buffer();
        byte[] out = new byte[b.limit()];
        b.get(0, out);
        return out;
    }

    /** The table behind this BTF, for the builder and sanitizer of this package. */
    TypeTable table() {
        return table;
    }

    /** {@return the length of this BTF's own bytes (header, types, strings; not the base's)} */
    public int ownByteLength() {
        return table.buffer().limit();
    }

    /** {@return an editor that makes a modified copy of this BTF} */
    public Editor editor() {
        return new Editor();
    }

    /**
     * Returns a copy with a DATASEC's size and variable offsets set, as a loader must do for
     * clang's output (clang 19 writes size 0 and offset 0 for every DATASEC and variable: the
     * ELF section size and the symbol values hold the real layout).
     *
     * @param secName the DATASEC (ELF section) name
     * @param size the section size in bytes
     * @param varOffsetsByVarName offsets by VAR name; variables not named keep their offset
     * @return the edited BTF
     * @throws IllegalArgumentException if there is no such DATASEC or a name is not one of its VARs
     * @see Editor#setDatasecLayout
     */
    public Btf withDatasecLayout(String secName, int size, Map<String, Integer> varOffsetsByVarName) {
        return editor().setDatasecLayout(secName, size, varOffsetsByVarName).build();
    }

    private void checkId(int id) {
        if (id < 0 || id >= typeCount()) {
            throw new IllegalArgumentException("no type id " + id + " in " + origin() + " (ids 0.." + (typeCount() - 1) + ")");
        }
    }

    private TypeTable tableOf(int id) {
        Btf b = this;
        while (id < b.table.firstId()) {
            b = b.base;
        }
        return b.table;
    }

    @Override
    public String toString() {
        return "Btf[" + origin() + ", " + typeCount() + " type ids" + (base == null ? "" : ", split from " + base.origin())
                + ", " + order() + "]";
    }

    /**
     * Builds a modified copy of a {@link Btf}. Edits only change fixed-size fields, so the copy has
     * the same layout; only this BTF's own types (not a base's) can be edited. Not thread-safe.
     */
    public final class Editor {
        private final ByteBuffer bytes;
        private final Set<Integer> touchedDatasecs = new HashSet<>();

        private Editor() {
            bytes = ByteBuffer.wrap(toBytes()).order(order());
        }

        /**
         * Sets a DATASEC's size ({@code btf_type.size}).
         *
         * @param datasecId the DATASEC's id
         * @param size the section size in bytes
         * @return this editor
         * @throws IllegalArgumentException if the id is not one of this BTF's own DATASECs
         */
        public Editor setDatasecSize(int datasecId, int size) {
            int at = datasecOffset(datasecId);
            bytes.putInt(at + 8, size);
            return this;
        }

        /**
         * Sets one variable's offset in a DATASEC ({@code btf_var_secinfo.offset}). The kernel wants
         * the variables sorted by offset: {@link #build()} sorts every DATASEC edited here.
         *
         * @param datasecId the DATASEC's id
         * @param index the variable's index in {@link BtfType.Datasec#vars()} as parsed
         * @param offset the offset in bytes
         * @return this editor
         * @throws IllegalArgumentException if the id or index is wrong
         */
        public Editor setVarOffset(int datasecId, int index, int offset) {
            int at = varSecInfoOffset(datasecId, index);
            bytes.putInt(at + 4, offset);
            touchedDatasecs.add(datasecId);
            return this;
        }

        /**
         * Sets one variable's size in a DATASEC ({@code btf_var_secinfo.size}).
         *
         * @param datasecId the DATASEC's id
         * @param index the variable's index in {@link BtfType.Datasec#vars()} as parsed
         * @param size the size in bytes
         * @return this editor
         * @throws IllegalArgumentException if the id or index is wrong
         */
        public Editor setVarSize(int datasecId, int index, int size) {
            int at = varSecInfoOffset(datasecId, index);
            bytes.putInt(at + 8, size);
            return this;
        }

        /**
         * Sets a DATASEC's size and the offsets of its variables by name.
         *
         * @param secName the DATASEC (ELF section) name
         * @param size the section size in bytes
         * @param varOffsetsByVarName offsets by VAR name; variables not named keep their offset
         * @return this editor
         * @throws IllegalArgumentException if there is no such DATASEC among this BTF's own types, or
         *     a name is not one of its VARs
         */
        public Editor setDatasecLayout(String secName, int size, Map<String, Integer> varOffsetsByVarName) {
            int id = ownDatasec(secName);
            setDatasecSize(id, size);
            BtfType.Datasec sec = (BtfType.Datasec) type(id);
            Map<String, Integer> pending = new HashMap<>(varOffsetsByVarName);
            for (int i = 0; i < sec.vars().size(); i++) {
                int varId = sec.vars().get(i).type();
                if (varId <= 0 || varId >= typeCount()) {
                    continue; // a dangling entry is the kernel's to reject; it has no name to match
                }
                Integer offset = pending.remove(name(varId));
                if (offset != null) {
                    setVarOffset(id, i, offset);
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalArgumentException("DATASEC '" + secName + "' (id " + id + ") of " + origin()
                        + " has no variables named " + pending.keySet());
            }
            return this;
        }

        private int ownDatasec(String secName) {
            for (int id : index().ids(secName)) {
                if (table.kind(id) == BtfKind.DATASEC.value()) {
                    return id;
                }
            }
            throw new IllegalArgumentException("no DATASEC '" + secName + "' in " + origin());
        }

        private int datasecOffset(int id) {
            if (id < table.firstId() || id >= table.endId() || table.kind(id) != BtfKind.DATASEC.value()) {
                throw new IllegalArgumentException("type id " + id + " is not a DATASEC of " + origin()
                        + (id > 0 && id < table.firstId() ? " (it belongs to the base)" : ""));
            }
            return table.offsetOf(id);
        }

        private int varSecInfoOffset(int datasecId, int index) {
            int at = datasecOffset(datasecId);
            int vlen = BtfLayout.vlen(table.info(datasecId));
            if (index < 0 || index >= vlen) {
                throw new IllegalArgumentException("DATASEC id " + datasecId + " has " + vlen + " variables, no index " + index);
            }
            return at + BtfLayout.TYPE_HEADER_SIZE + 12 * index;
        }

        /**
         * Returns the edited BTF. Variables of DATASECs whose offsets were set are sorted by offset
         * (stable), as the kernel requires.
         *
         * @return a new {@link Btf} over a copy of the edited bytes
         */
        public Btf build() {
            for (int id : touchedDatasecs) {
                sortVars(id);
            }
            byte[] out = bytes.array().clone();
            ByteBuffer data = ByteBuffer.wrap(out).order(order());
            return new Btf(TypeTable.parse(data, origin(), base == null ? null : base.table), base);
        }

        private void sortVars(int datasecId) {
            int first = table.offsetOf(datasecId) + BtfLayout.TYPE_HEADER_SIZE;
            int vlen = BtfLayout.vlen(table.info(datasecId));
            List<int[]> vars = new ArrayList<>(vlen);
            for (int i = 0; i < vlen; i++) {
                int at = first + 12 * i;
                vars.add(new int[] {bytes.getInt(at), bytes.getInt(at + 4), bytes.getInt(at + 8)});
            }
            vars.sort((a, b) -> Integer.compareUnsigned(a[1], b[1]));
            for (int i = 0; i < vlen; i++) {
                int at = first + 12 * i;
                int[] v = vars.get(i);
                bytes.putInt(at, v[0]).putInt(at + 4, v[1]).putInt(at + 8, v[2]);
            }
        }
    }
}
