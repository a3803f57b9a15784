package io.bpf4j.loader;

import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.elf.object.StructOpsSpec;
import io.bpf4j.loader.internal.StructOpsLayout;
import io.bpf4j.loader.internal.StructOpsRegistration;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One map of a {@link BpfObject}: a BTF-defined map from {@code .maps}, or the
 * array map behind a data section ({@code .rodata}, {@code .bss} ...), or a
 * struct_ops map (a variable of {@code .struct_ops} or {@code .struct_ops.link},
 * registered with {@link #attachStructOps()}).
 *
 * <p>Before load its definition may be adjusted ({@link #setMaxEntries});
 * after load its elements are read and written by key. Keys and values are raw
 * bytes in the host's byte order, sized as the map says ({@link #keySize()},
 * {@link #valueSize()}); per-CPU maps take and return one value slot per
 * possible CPU, each rounded up to 8 bytes ({@link #valueBufferSize()}).
 */
public final class BpfMap {
    private final BpfObject owner;
    private final String name;
    private final String kernelName;
    private final MapType type;
    private final int keySize;
    private int valueSize;
    private int maxEntries;
    private int flags;
    OwnedFd fd;
    /** The struct_ops variable behind a {@code STRUCT_OPS} map, else null. */
    final StructOpsSpec structOps;
    /** For struct_ops maps, the kernel-layout value with program fds, set at load. */
    byte[] structOpsValue;

    BpfMap(BpfObject owner, String name, String kernelName, MapType type, int keySize, int valueSize,
           int maxEntries, int flags) {
        this(owner, name, kernelName, type, keySize, valueSize, maxEntries, flags, null);
    }

    BpfMap(BpfObject owner, String name, String kernelName, MapType type, int keySize, int valueSize,
           int maxEntries, int flags, StructOpsSpec structOps) {
        this.owner = owner;
        this.structOps = structOps;
        this.name = name;
        this.kernelName = kernelName;
        this.type = type;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.flags = flags;
    }

    /** {@return the map's name in the object: the C variable, or the data section such as {@code .rodata}} */
    public String name() {
        return name;
    }

    /** {@return the name the kernel knows it by (at most 15 characters)} */
    public String kernelName() {
        return kernelName;
    }

    /** {@return the map type} */
    public MapType type() {
        return type;
    }

    /** {@return the key size in bytes (0 for maps without keys)} */
    public int keySize() {
        return keySize;
    }

    /** {@return the value size in bytes, for one CPU (struct_ops maps: the kernel's layout once loaded)} */
    public int valueSize() {
        return valueSize;
    }

    /** {@return the maximum number of entries (for ring buffers: the data size in bytes)} */
    public int maxEntries() {
        return maxEntries;
    }

    /** {@return BPF_F_* creation flags} */
    public int flags() {
        return flags;
    }

    /**
     * Changes the number of entries before load, as libbpf's
     * {@code bpf_map__set_max_entries}.
     *
     * @param maxEntries the new maximum
     */
    public void setMaxEntries(int maxEntries) {
        owner.ensureOpenedNotLoaded("set max_entries of map '" + name + "'");
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("max_entries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Changes the creation flags before load.
     *
     * @param flags BPF_F_* flags
     */
    public void setFlags(int flags) {
        owner.ensureOpenedNotLoaded("set flags of map '" + name + "'");
        this.flags = flags;
    }

    /** {@return the map's file descriptor} @throws IllegalStateException before load */
    public int fd() {
        OwnedFd f = fd;
        if (f == null || !f.isOpen()) {
            throw new IllegalStateException("map '" + name + "' is not loaded");
        }
        return f.fd();
    }

    /** {@return true once the kernel map exists} */
    public boolean isLoaded() {
        return fd != null && fd.isOpen();
    }

    /** {@return the size of a value buffer for lookups: per-CPU maps hold one 8-byte-aligned slot per possible CPU} */
    public int valueBufferSize() {
        if (isPerCpu()) {
            return ((valueSize + 7) & ~7) * owner.possibleCpus();
        }
        return valueSize;
    }

    private boolean isPerCpu() {
        return type == MapType.PERCPU_HASH || type == MapType.PERCPU_ARRAY
                || type == MapType.LRU_PERCPU_HASH || type == MapType.PERCPU_CGROUP_STORAGE;
    }

    private Bpf bpf() {
        return owner.bpf();
    }

    /**
     * Looks a key up into a caller's buffer (no allocation).
     *
     * @param key   {@link #keySize()} bytes
     * @param value at least {@link #valueBufferSize()} bytes, filled when found
     * @return false when the key is absent
     */
    public boolean lookup(byte[] key, byte[] value) {
        checkKey(key);
        checkValue(value);
        return bpf().mapLookupElem(fd(), key, value);
    }

    /**
     * Looks a key up.
     *
     * @param key {@link #keySize()} bytes
     * @return the value, or empty when absent
     */
    public Optional<byte[]> lookup(byte[] key) {
        byte[] value = new byte[valueBufferSize()];
        return lookup(key, value) ? Optional.of(value) : Optional.empty();
    }

    /**
     * Creates or replaces an element ({@code BPF_ANY}).
     *
     * @param key   {@link #keySize()} bytes
     * @param value {@link #valueBufferSize()} bytes
     */
    public void update(byte[] key, byte[] value) {
        update(key, value, UpdateFlag.ANY);
    }

    /**
     * Writes an element.
     *
     * @param key   {@link #keySize()} bytes
     * @param value {@link #valueBufferSize()} bytes
     * @param flag  whether the element must exist, must not exist, or either
     */
    public void update(byte[] key, byte[] value, UpdateFlag flag) {
        checkKey(key);
        checkValue(value);
        bpf().mapUpdateElem(fd(), key, value, flag.value());
    }

    /** How {@link #update(byte[], byte[], UpdateFlag)} treats an existing element (UAPI BPF_ANY ...). */
    public enum UpdateFlag {
        /** BPF_ANY: create or replace. */
        ANY(0),
        /** BPF_NOEXIST: create only. */
        NO_EXIST(1),
        /** BPF_EXIST: replace only. */
        EXIST(2);

        private final long value;

        UpdateFlag(long value) {
            this.value = value;
        }

        /** {@return the UAPI value} */
        public long value() {
            return value;
        }
    }

    /**
     * Deletes an element.
     *
     * @param key {@link #keySize()} bytes
     * @return false when it was absent
     */
    public boolean delete(byte[] key) {
        checkKey(key);
        return bpf().mapDeleteElem(fd(), key);
    }

    /**
     * Reads and removes an element; for queues and stacks pass {@code null}
     * as the key to pop the next value.
     *
     * @param key   {@link #keySize()} bytes, or null for queues and stacks
     * @param value filled when found
     * @return false when absent or empty
     */
    public boolean lookupAndDelete(byte[] key, byte[] value) {
        if (key != null) {
            checkKey(key);
        }
        checkValue(value);
        return bpf().mapLookupAndDeleteElem(fd(), key, value);
    }

    /**
     * Pushes a value onto a queue or stack map.
     *
     * @param value {@link #valueSize()} bytes
     */
    public void push(byte[] value) {
        checkValue(value);
        bpf().mapUpdateElem(fd(), null, value, UpdateFlag.ANY.value());
    }

    /**
     * Iterates over the keys (BPF_MAP_GET_NEXT_KEY). Concurrent changes by
     * programs may make an iteration skip or repeat keys, as in libbpf.
     *
     * @return every key, each a fresh array
     */
    public Iterable<byte[]> keys() {
        int fd = fd();
        return () -> new Iterator<>() {
            private byte[] current;
            private byte[] next = advance(null);

            private byte[] advance(byte[] from) {
                byte[] candidate = new byte[keySize];
                return bpf().mapGetNextKey(fd, from, candidate) ? candidate : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public byte[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                current = next;
                next = advance(current);
                return current;
            }
        };
    }

    /** {@return every key, collected} */
    public List<byte[]> keyList() {
        List<byte[]> out = new ArrayList<>();
        keys().forEach(out::add);
        return out;
    }

    /**
     * Registers a struct_ops map with the kernel, as libbpf's {@code bpf_map__attach_struct_ops}:
     * writes its value (data members in the kernel's layout, program descriptors in the function
     * pointers) with {@code BPF_MAP_UPDATE_ELEM}. For a {@code .struct_ops} map that write
     * registers the ops (e.g. a TCP congestion control appears under its name) and closing the
     * returned link deletes the element, which unregisters them. For a {@code .struct_ops.link}
     * map (Linux 6.4) the ops are registered while a {@code BPF_LINK_CREATE} link holds them:
     * the returned link is that bpf_link.
     *
     * @return the registration; the object closes it too
     * @throws IllegalStateException when this is not a struct_ops map or is not loaded
     * @throws io.bpf4j.syscall.BpfException when the kernel refuses (e.g. {@code EEXIST}: a
     *     congestion control of that name is registered already)
     */
    public Link attachStructOps() {
        if (structOps == null) {
            throw new IllegalStateException("map '" + name + "' is a " + type + " map, not a struct_ops map");
        }
        int mapFd = fd();
        boolean viaLink = (flags & StructOpsLayout.BPF_F_LINK) != 0;
        String description = "struct_ops map " + name + " (" + structOps.typeName() + ")";
        try {
            bpf().mapUpdateElem(mapFd, new byte[4], structOpsValue, 0);
        } catch (BpfException e) {
            // A link map whose value was written before (an earlier link) refuses a second write: fine.
            if (!viaLink || e.errno() != Errno.EBUSY) {
                throw e;
            }
        }
        if (!viaLink) {
            return owner.track(new StructOpsRegistration(bpf(), mapFd, description + " registered"));
        }
        OwnedFd link = bpf().linkCreate(mapFd, 0, AttachType.STRUCT_OPS, 0);
        return owner.track(new BpfLink(link, description + " linked"));
    }

    /** Freezes the map: user space can no longer write it (BPF_MAP_FREEZE). */
    public void freeze() {
        bpf().mapFreeze(fd());
    }

    /**
     * Pins the map in a BPF file system, so it outlives this process.
     *
     * @param path e.g. {@code /sys/fs/bpf/my_map}
     */
    public void pin(Path path) {
        bpf().objPin(fd(), path.toString());
    }

    private void checkKey(byte[] key) {
        if (key == null || key.length != keySize) {
            throw new IllegalArgumentException("map '" + name + "' has " + keySize + "-byte keys, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
    }

    private void checkValue(byte[] value) {
        int expected = valueBufferSize();
        if (value == null || value.length < expected) {
            throw new IllegalArgumentException("map '" + name + "' needs a " + expected + "-byte value buffer, got "
                    + (value == null ? "null" : value.length + " bytes"));
        }
    }

    /** At load: the kernel's value size and the value {@link #attachStructOps()} writes. */
    void structOpsPrepared(int kernelValueSize, byte[] value) {
        this.valueSize = kernelValueSize;
        this.structOpsValue = value;
    }

    void closeFd() {
        if (fd != null) {
            fd.close();
        }
    }

    @Override
    public String toString() {
        return "BpfMap[" + name + ", " + type + ", key " + keySize + ", value " + valueSize
                + ", max " + maxEntries + (isLoaded() ? ", fd " + fd.fd() : "") + "]";
    }
}
