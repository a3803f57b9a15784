package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.bpf4j.syscall.internal.CpuList;
import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.NativeArgs;
import io.bpf4j.syscall.internal.PerfEventAttrLayout;
import io.bpf4j.syscall.internal.SyscallNumbers;
import io.bpf4j.syscall.internal.ThreadScratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static io.bpf4j.syscall.internal.BpfAttrLayout.*;
import static io.bpf4j.syscall.internal.BpfInfoLayout.*;

/**
 * The facade over {@code bpf(2)} and the system calls around it: one typed method per command.
 * See the package documentation for a tour.
 *
 * <p>Every call goes through JNA direct mapping and fills a per-thread, preallocated
 * {@code union bpf_attr}; the map element calls that take native addresses allocate nothing.
 * Every failure is a {@link BpfException} naming the call and errno; every kernel object comes
 * back as an {@link OwnedFd} the caller closes. Thread-safe.
 */
public final class Bpf {
    private static final Bpf SYSTEM = new Bpf();

    // enum bpf_cmd values, as ints for the hot path.
    private static final int MAP_CREATE = BpfCommand.MAP_CREATE.value();
    private static final int MAP_LOOKUP_ELEM = BpfCommand.MAP_LOOKUP_ELEM.value();
    private static final int MAP_UPDATE_ELEM = BpfCommand.MAP_UPDATE_ELEM.value();
    private static final int MAP_DELETE_ELEM = BpfCommand.MAP_DELETE_ELEM.value();
    private static final int MAP_GET_NEXT_KEY = BpfCommand.MAP_GET_NEXT_KEY.value();
    private static final int PROG_LOAD = BpfCommand.PROG_LOAD.value();
    private static final int OBJ_PIN = BpfCommand.OBJ_PIN.value();
    private static final int OBJ_GET = BpfCommand.OBJ_GET.value();
    private static final int PROG_TEST_RUN = BpfCommand.PROG_TEST_RUN.value();
    private static final int OBJ_GET_INFO_BY_FD = BpfCommand.OBJ_GET_INFO_BY_FD.value();
    private static final int RAW_TRACEPOINT_OPEN = BpfCommand.RAW_TRACEPOINT_OPEN.value();
    private static final int BTF_LOAD = BpfCommand.BTF_LOAD.value();
    private static final int MAP_LOOKUP_AND_DELETE_ELEM = BpfCommand.MAP_LOOKUP_AND_DELETE_ELEM.value();
    private static final int MAP_FREEZE = BpfCommand.MAP_FREEZE.value();
    private static final int LINK_CREATE = BpfCommand.LINK_CREATE.value();
    private static final int LINK_DETACH = BpfCommand.LINK_DETACH.value();
    private static final int PROG_ATTACH = BpfCommand.PROG_ATTACH.value();
    private static final int PROG_DETACH = BpfCommand.PROG_DETACH.value();
    private static final int PROG_QUERY = BpfCommand.PROG_QUERY.value();
    private static final int ITER_CREATE = BpfCommand.ITER_CREATE.value();

    /** The verifier refuses log buffers under 128 bytes ({@code bpf_vlog_init}); start higher. */
    private static final int MIN_LOG_SIZE = 1024;
    /** libbpf retries {@code BPF_PROG_LOAD} on {@code EAGAIN} up to 5 times; so does bpf4j. */
    private static final int EAGAIN_RETRIES = 5;
    private static final Path POSSIBLE_CPUS = Path.of("/sys/devices/system/cpu/possible");

    private static volatile int possibleCpus;

    private Bpf() {
    }

    /** {@return the facade over this process's kernel} */
    public static Bpf system() {
        return SYSTEM;
    }

    /**
     * {@return the number of possible CPUs: the number of slots in a per-CPU map value, each
     * {@code round_up(value_size, 8)} bytes}
     */
    public static int possibleCpus() {
        int n = possibleCpus;
        if (n == 0) {
            try {
                n = CpuList.count(Files.readString(POSSIBLE_CPUS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + POSSIBLE_CPUS, e);
            }
            possibleCpus = n;
        }
        return n;
    }

    // ---------------------------------------------------------------- maps

    /**
     * Creates a map ({@code BPF_MAP_CREATE}).
     *
     * @return the map's descriptor, described as {@code "map <name>"}
     * @throws BpfException if the kernel refuses
     */
    public OwnedFd mapCreate(MapCreateRequest r) {
        MemlockLimit.ensureChecked();
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(MAP_CREATE_SIZE);
        a.putInt(MAP_CREATE_MAP_TYPE, r.type().value());
        a.putInt(MAP_CREATE_KEY_SIZE, r.keySize());
        a.putInt(MAP_CREATE_VALUE_SIZE, r.valueSize());
        a.putInt(MAP_CREATE_MAX_ENTRIES, r.maxEntries());
        a.putInt(MAP_CREATE_MAP_FLAGS, r.flags());
        a.putInt(MAP_CREATE_INNER_MAP_FD, r.innerMapFd());
        a.putInt(MAP_CREATE_NUMA_NODE, r.numaNode());
        putName(a, MAP_CREATE_MAP_NAME, r.name());
        a.putInt(MAP_CREATE_MAP_IFINDEX, r.ifindex());
        a.putInt(MAP_CREATE_BTF_FD, r.btfFd());
        a.putInt(MAP_CREATE_BTF_KEY_TYPE_ID, r.btfKeyTypeId());
        a.putInt(MAP_CREATE_BTF_VALUE_TYPE_ID, r.btfValueTypeId());
        a.putInt(MAP_CREATE_BTF_VMLINUX_VALUE_TYPE_ID, r.btfVmlinuxValueTypeId());
        a.putLong(MAP_CREATE_MAP_EXTRA, r.mapExtra());
        long rc = bpf(MAP_CREATE, s, MAP_CREATE_SIZE);
        if (rc < 0) {
            int errno = LibC.errno();
            throw failure(MAP_CREATE, errno, "map " + describe(r.name()) + " (" + r.type().uapiName()
                    + ", key " + r.keySize() + ", value " + r.valueSize() + ", max entries " + r.maxEntries() + ")"
                    + MemlockLimit.hintFor(errno));
        }
        return OwnedFd.adopt((int) rc, "map " + describe(r.name()));
    }

    /**
     * Looks an element up ({@code BPF_MAP_LOOKUP_ELEM}) between native buffers; allocates nothing.
     *
     * @param keyAddr address of the key (0 for a queue or stack peek)
     * @param valueAddr address of room for the value: the map's value size, or for per-CPU maps
     *     {@code round_up(value_size, 8) * possibleCpus()} bytes
     * @param flags 0 or {@link MapUpdateFlags#BPF_F_LOCK}
     * @return true if found; false on {@code ENOENT}
     * @throws BpfException on any other error
     */
    public boolean mapLookupElem(int fd, long keyAddr, long valueAddr, long flags) {
        return elem(MAP_LOOKUP_ELEM, fd, keyAddr, valueAddr, flags);
    }

    /**
     * Creates or updates an element ({@code BPF_MAP_UPDATE_ELEM}) from native buffers; allocates
     * nothing.
     *
     * @param keyAddr address of the key (0 for a queue or stack push)
     * @param flags {@link MapUpdateFlags}
     * @throws BpfException if the kernel refuses ({@code EEXIST}, {@code ENOENT}, {@code E2BIG}, ...)
     */
    public void mapUpdateElem(int fd, long keyAddr, long valueAddr, long flags) {
        ThreadScratch s = ThreadScratch.get();
        fillElem(s.attr, fd, keyAddr, valueAddr, flags);
        if (bpf(MAP_UPDATE_ELEM, s, ELEM_SIZE) < 0) {
            throw failure(MAP_UPDATE_ELEM, LibC.errno(), "map fd " + fd);
        }
    }

    /**
     * Deletes an element ({@code BPF_MAP_DELETE_ELEM}); allocates nothing.
     *
     * @return true if deleted; false on {@code ENOENT}
     */
    public boolean mapDeleteElem(int fd, long keyAddr) {
        return elem(MAP_DELETE_ELEM, fd, keyAddr, 0, 0);
    }

    /**
     * Finds the key after {@code keyAddr} ({@code BPF_MAP_GET_NEXT_KEY}); allocates nothing.
     *
     * @param keyAddr the current key, or 0 for the first
     * @return true if {@code nextKeyAddr} received a key; false at the end ({@code ENOENT})
     */
    public boolean mapGetNextKey(int fd, long keyAddr, long nextKeyAddr) {
        return elem(MAP_GET_NEXT_KEY, fd, keyAddr, nextKeyAddr, 0);
    }

    /**
     * Looks an element up and deletes it ({@code BPF_MAP_LOOKUP_AND_DELETE_ELEM}): a queue or
     * stack pop with {@code keyAddr} 0, or (5.14+) a hash element.
     *
     * @return true if an element was taken; false on {@code ENOENT} (empty or missing)
     */
    public boolean mapLookupAndDeleteElem(int fd, long keyAddr, long valueAddr, long flags) {
        return elem(MAP_LOOKUP_AND_DELETE_ELEM, fd, keyAddr, valueAddr, flags);
    }

    private static boolean elem(int cmd, int fd, long keyAddr, long valueAddr, long flags) {
        ThreadScratch s = ThreadScratch.get();
        fillElem(s.attr, fd, keyAddr, valueAddr, flags);
        if (bpf(cmd, s, ELEM_SIZE) == 0) {
            return true;
        }
        int errno = LibC.errno();
        if (errno == Errno.ENOENT) {
            return false;
        }
        throw failure(cmd, errno, "map fd " + fd);
    }

    private static void fillElem(ByteBuffer a, int fd, long keyAddr, long valueAddr, long flags) {
        // Every byte of the 32 is written (4..7 are padding), so no clearing is needed.
        a.putInt(ELEM_MAP_FD, fd);
        a.putInt(ELEM_MAP_FD + 4, 0);
        a.putLong(ELEM_KEY, keyAddr);
        a.putLong(ELEM_VALUE, valueAddr);
        a.putLong(ELEM_FLAGS, flags);
    }

    /**
     * Looks an element up, copying through native memory.
     *
     * @param key the key, or null for a queue or stack peek
     * @param value receives the value; must be at least the map's value size (per-CPU maps:
     *     {@code round_up(value_size, 8) * possibleCpus()}), as with libbpf
     * @return true if found; false on {@code ENOENT}
     */
    public boolean mapLookupElem(int fd, byte[] key, byte[] value) {
        return mapLookupElem(fd, key, value, 0);
    }

    /** As {@link #mapLookupElem(int, byte[], byte[])} with {@code flags} ({@link MapUpdateFlags#BPF_F_LOCK}). */
    public boolean mapLookupElem(int fd, byte[] key, byte[] value, long flags) {
        return copyOut(MAP_LOOKUP_ELEM, fd, key, value, flags);
    }

    /**
     * Creates or updates an element, copying through native memory.
     *
     * @param key the key, or null for a queue or stack push
     * @param flags {@link MapUpdateFlags}
     */
    public void mapUpdateElem(int fd, byte[] key, byte[] value, long flags) {
        Objects.requireNonNull(value, "value");
        ThreadScratch s = ThreadScratch.get();
        int keyLength = key == null ? 0 : key.length;
        int valueOffset = align8(keyLength);
        ByteBuffer data = s.data((long) valueOffset + value.length);
        long base = s.dataAddress();
        if (key != null) {
            data.put(0, key);
        }
        data.put(valueOffset, value);
        mapUpdateElem(fd, key == null ? 0 : base, base + valueOffset, flags);
    }

    /** Deletes an element; returns false if it was not there. */
    public boolean mapDeleteElem(int fd, byte[] key) {
        Objects.requireNonNull(key, "key");
        ThreadScratch s = ThreadScratch.get();
        s.data(key.length).put(0, key);
        return mapDeleteElem(fd, s.dataAddress());
    }

    /**
     * Finds the key after {@code key}.
     *
     * @param key the current key, or null for the first
     * @param nextKey receives the next key (the map's key size)
     * @return false at the end
     */
    public boolean mapGetNextKey(int fd, byte[] key, byte[] nextKey) {
        return copyOut(MAP_GET_NEXT_KEY, fd, key, nextKey, 0);
    }

    /**
     * Takes an element out: pops a queue or stack ({@code key} null) or removes a hash element.
     *
     * @return false if there was none
     */
    public boolean mapLookupAndDeleteElem(int fd, byte[] key, byte[] value) {
        return copyOut(MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, 0);
    }

    private static boolean copyOut(int cmd, int fd, byte[] key, byte[] out, long flags) {
        Objects.requireNonNull(out, "value");
        ThreadScratch s = ThreadScratch.get();
        int keyLength = key == null ? 0 : key.length;
        int outOffset = align8(keyLength);
        ByteBuffer data = s.data((long) outOffset + out.length);
        long base = s.dataAddress();
        if (key != null) {
            data.put(0, key);
        }
        if (!elem(cmd, fd, key == null ? 0 : base, base + outOffset, flags)) {
            return false;
        }
        data.get(outOffset, out);
        return true;
    }

    /**
     * Looks an element up between direct buffers, from each buffer's position (positions are not
     * changed).
     *
     * @throws IllegalArgumentException if a buffer is not direct
     */
    public boolean mapLookupElem(int fd, ByteBuffer key, ByteBuffer value) {
        return mapLookupElem(fd, address(key, "key"), address(value, "value"), 0);
    }

    /** Creates or updates an element from direct buffers, from each buffer's position. */
    public void mapUpdateElem(int fd, ByteBuffer key, ByteBuffer value, long flags) {
        mapUpdateElem(fd, address(key, "key"), address(value, "value"), flags);
    }

    /** Deletes the element whose key starts at {@code key}'s position; false if it was not there. */
    public boolean mapDeleteElem(int fd, ByteBuffer key) {
        return mapDeleteElem(fd, address(key, "key"));
    }

    /** Finds the key after {@code key} (null for the first) into {@code nextKey}; false at the end. */
    public boolean mapGetNextKey(int fd, ByteBuffer key, ByteBuffer nextKey) {
        return mapGetNextKey(fd, address(key, "key"), address(nextKey, "nextKey"));
    }

    /**
     * Freezes a map ({@code BPF_MAP_FREEZE}, 5.2): from now on user space cannot change it
     * (updates fail with {@code EPERM}); programs still can unless the map is
     * {@link MapCreateFlags#BPF_F_RDONLY_PROG}.
     */
    public void mapFreeze(int fd) {
        ThreadScratch s = ThreadScratch.get();
        s.clearAttr(ELEM_SIZE).putInt(ELEM_MAP_FD, fd);
        if (bpf(MAP_FREEZE, s, ELEM_SIZE) < 0) {
            throw failure(MAP_FREEZE, LibC.errno(), "map fd " + fd);
        }
    }

    // ---------------------------------------------------------------- programs

    /**
     * Loads a program ({@code BPF_PROG_LOAD}), dropping the log; see {@link #progLoadWithLog}.
     *
     * @throws BpfException with the verifier log if the kernel refuses
     */
    public OwnedFd progLoad(ProgLoadRequest r) {
        return progLoadWithLog(r).fd();
    }

    /**
     * Loads a program ({@code BPF_PROG_LOAD}) and returns the verifier's log with it.
     *
     * <p>The first attempt is made as asked: with {@link ProgLoadRequest#logLevel()} 0, without a
     * log buffer (the fast path). If it fails, the load is repeated with log level 1 to capture
     * the verifier's reasons, into a buffer of {@link ProgLoadRequest#logSize()} bytes (at least
     * 1 KiB). Whenever the log did not fit ({@code ENOSPC}, a full buffer, or a
     * {@code log_true_size} larger than the buffer) the buffer is doubled, up to 16 MiB, and the
     * load repeated. {@code EAGAIN} is retried up to 5 times.
     *
     * @return the program's descriptor ({@code "program <name>"}) and the log (empty when level 0)
     * @throws BpfException {@code bpf(BPF_PROG_LOAD) failed: ...: program <name>}, with the whole
     *     log
     */
    public ProgLoadResult progLoadWithLog(ProgLoadRequest r) {
        MemlockLimit.ensureChecked();
        String what = "program " + describe(r.name());
        try (NativeArgs args = new NativeArgs()) {
            long insns = args.bytes(r.insnsUnsafe());
            long license = args.cString(r.license());
            long funcInfo = args.bytes(r.funcInfoUnsafe());
            long lineInfo = args.bytes(r.lineInfoUnsafe());
            long fdArray = args.ints(r.fdArrayUnsafe());

            int level = r.logLevel();
            int size = Math.max(MIN_LOG_SIZE, r.logSize());
            int firstErrno = 0;
            int eagains = 0;
            if (level == 0) {
                long rc = progLoadAttempt(r, insns, license, funcInfo, lineInfo, fdArray, 0, 0, 0);
                while (rc < 0 && LibC.errno() == Errno.EAGAIN && eagains++ < EAGAIN_RETRIES) {
                    rc = progLoadAttempt(r, insns, license, funcInfo, lineInfo, fdArray, 0, 0, 0);
                }
                if (rc >= 0) {
                    return new ProgLoadResult(OwnedFd.adopt((int) rc, what), "");
                }
                firstErrno = LibC.errno();
                level = 1;
            }
            while (true) {
                Memory log = new Memory(size);
                try {
                    log.setByte(0, (byte) 0);
                    long rc = progLoadAttempt(r, insns, license, funcInfo, lineInfo, fdArray, level, size,
                            Pointer.nativeValue(log));
                    int errno = rc < 0 ? LibC.errno() : 0;
                    int trueSize = ThreadScratch.get().attr.getInt(PROG_LOAD_LOG_TRUE_SIZE);
                    String text = log.getString(0, StandardCharsets.UTF_8.name());
                    if (rc >= 0) {
                        return new ProgLoadResult(OwnedFd.adopt((int) rc, what), r.logLevel() == 0 ? "" : text);
                    }
                    if (errno == Errno.EAGAIN && eagains++ < EAGAIN_RETRIES) {
                        continue;
                    }
                    boolean truncated = errno == Errno.ENOSPC || text.length() >= size - 1 || trueSize > size;
                    if (truncated && size < ProgLoadRequest.MAX_LOG_SIZE) {
                        long wanted = Math.max(2L * size, trueSize + 1L);
                        size = (int) Math.min(ProgLoadRequest.MAX_LOG_SIZE, wanted);
                        continue;
                    }
                    int reported = errno == Errno.ENOSPC && firstErrno != 0 ? firstErrno : errno;
                    throw new BpfException(callName(PROG_LOAD), reported, what + (truncated
                            ? " (verifier log truncated at " + size + " bytes)" : "") + MemlockLimit.hintFor(reported),
                            text);
                } finally {
                    log.close();
                }
            }
        }
    }

    /**
     * Loads {@code r} once, without a log, and closes it: a feature probe that must not itself
     * wait for {@link MemlockLimit}.
     *
     * @return whether the kernel accepted the program
     */
    static boolean loadsAndCloses(ProgLoadRequest r) {
        try (NativeArgs args = new NativeArgs()) {
            long rc = progLoadAttempt(r, args.bytes(r.insnsUnsafe()), args.cString(r.license()), 0, 0, 0, 0, 0, 0);
            if (rc < 0) {
                return false;
            }
            OwnedFd.adopt((int) rc, "probe program").close();
            return true;
        }
    }

    private static long progLoadAttempt(ProgLoadRequest r, long insns, long license, long funcInfo, long lineInfo,
                                        long fdArray, int logLevel, int logSize, long logBuf) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(PROG_LOAD_SIZE);
        a.putInt(PROG_LOAD_PROG_TYPE, r.type().value());
        a.putInt(PROG_LOAD_INSN_CNT, r.insnCount());
        a.putLong(PROG_LOAD_INSNS, insns);
        a.putLong(PROG_LOAD_LICENSE, license);
        a.putInt(PROG_LOAD_LOG_LEVEL, logLevel);
        a.putInt(PROG_LOAD_LOG_SIZE, logSize);
        a.putLong(PROG_LOAD_LOG_BUF, logBuf);
        a.putInt(PROG_LOAD_KERN_VERSION, r.kernVersion());
        a.putInt(PROG_LOAD_PROG_FLAGS, r.progFlags());
        putName(a, PROG_LOAD_PROG_NAME, r.name());
        a.putInt(PROG_LOAD_PROG_IFINDEX, r.ifindex());
        a.putInt(PROG_LOAD_EXPECTED_ATTACH_TYPE, r.expectedAttachType() != null ? r.expectedAttachType().value()
                : r.structOpsMember());
        a.putInt(PROG_LOAD_PROG_BTF_FD, r.btfFd());
        if (funcInfo != 0) {
            a.putInt(PROG_LOAD_FUNC_INFO_REC_SIZE, r.funcInfoRecSize());
            a.putLong(PROG_LOAD_FUNC_INFO, funcInfo);
            a.putInt(PROG_LOAD_FUNC_INFO_CNT, r.funcInfoUnsafe().length / r.funcInfoRecSize());
        }
        if (lineInfo != 0) {
            a.putInt(PROG_LOAD_LINE_INFO_REC_SIZE, r.lineInfoRecSize());
            a.putLong(PROG_LOAD_LINE_INFO, lineInfo);
            a.putInt(PROG_LOAD_LINE_INFO_CNT, r.lineInfoUnsafe().length / r.lineInfoRecSize());
        }
        a.putInt(PROG_LOAD_ATTACH_BTF_ID, r.attachBtfId());
        a.putInt(PROG_LOAD_ATTACH_PROG_FD, r.attachProgFd() != 0 ? r.attachProgFd() : r.attachBtfObjFd());
        a.putLong(PROG_LOAD_FD_ARRAY, fdArray);
        return bpf(PROG_LOAD, s, PROG_LOAD_SIZE);
    }

    /**
     * Runs a program on test input ({@code BPF_PROG_TEST_RUN}, a.k.a. {@code BPF_PROG_RUN}).
     *
     * @throws BpfException if the kernel refuses ({@code ENOSPC} when output room is too small,
     *     {@code ENOTSUPP} for program types without test runs)
     */
    public TestRunResult progTestRun(TestRunRequest r) {
        try (NativeArgs args = new NativeArgs()) {
            byte[] dataIn = r.dataInUnsafe();
            byte[] ctxIn = r.ctxInUnsafe();
            long dataInAddr = args.bytes(dataIn);
            long ctxInAddr = args.bytes(ctxIn);
            Memory dataOut = r.dataSizeOut() > 0 ? args.buffer(r.dataSizeOut()) : null;
            Memory ctxOut = r.ctxSizeOut() > 0 ? args.buffer(r.ctxSizeOut()) : null;
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(TEST_SIZE);
            a.putInt(TEST_PROG_FD, r.progFd());
            a.putInt(TEST_DATA_SIZE_IN, dataIn == null ? 0 : dataIn.length);
            a.putInt(TEST_DATA_SIZE_OUT, r.dataSizeOut());
            a.putLong(TEST_DATA_IN, dataInAddr);
            a.putLong(TEST_DATA_OUT, dataOut == null ? 0 : Pointer.nativeValue(dataOut));
            a.putInt(TEST_REPEAT, r.repeat());
            a.putInt(TEST_CTX_SIZE_IN, ctxIn == null ? 0 : ctxIn.length);
            a.putInt(TEST_CTX_SIZE_OUT, r.ctxSizeOut());
            a.putLong(TEST_CTX_IN, ctxInAddr);
            a.putLong(TEST_CTX_OUT, ctxOut == null ? 0 : Pointer.nativeValue(ctxOut));
            a.putInt(TEST_FLAGS, r.flags());
            a.putInt(TEST_CPU, r.cpu());
            a.putInt(TEST_BATCH_SIZE, r.batchSize());
            if (bpf(PROG_TEST_RUN, s, TEST_SIZE) < 0) {
                throw failure(PROG_TEST_RUN, LibC.errno(), "prog fd " + r.progFd());
            }
            int retval = a.getInt(TEST_RETVAL);
            int duration = a.getInt(TEST_DURATION);
            byte[] dataBytes = dataOut == null ? null
                    : dataOut.getByteArray(0, Math.min(r.dataSizeOut(), a.getInt(TEST_DATA_SIZE_OUT)));
            byte[] ctxBytes = ctxOut == null ? null
                    : ctxOut.getByteArray(0, Math.min(r.ctxSizeOut(), a.getInt(TEST_CTX_SIZE_OUT)));
            return new TestRunResult(retval, duration, dataBytes, ctxBytes);
        }
    }

    // ---------------------------------------------------------------- BTF

    /**
     * Loads BTF ({@code BPF_BTF_LOAD}): first without a log; if the kernel refuses, again with
     * log level 1 (growing the buffer as for programs) so the exception carries the kernel's
     * reasons.
     *
     * @return the BTF object's descriptor
     * @throws BpfException with the BTF verifier's log if the kernel refuses
     */
    public OwnedFd btfLoad(byte[] btf) {
        Objects.requireNonNull(btf, "btf");
        if (btf.length == 0) {
            throw new IllegalArgumentException("empty BTF");
        }
        MemlockLimit.ensureChecked();
        try (NativeArgs args = new NativeArgs()) {
            long data = args.bytes(btf);
            long rc = btfLoadAttempt(data, btf.length, 0, 0, 0);
            if (rc >= 0) {
                return OwnedFd.adopt((int) rc, "btf");
            }
            int firstErrno = LibC.errno();
            int size = 64 * 1024;
            while (true) {
                Memory log = new Memory(size);
                try {
                    log.setByte(0, (byte) 0);
                    rc = btfLoadAttempt(data, btf.length, 1, size, Pointer.nativeValue(log));
                    int errno = rc < 0 ? LibC.errno() : 0;
                    int trueSize = ThreadScratch.get().attr.getInt(BTF_LOAD_BTF_LOG_TRUE_SIZE);
                    String text = log.getString(0, StandardCharsets.UTF_8.name());
                    if (rc >= 0) {
                        return OwnedFd.adopt((int) rc, "btf");
                    }
                    boolean truncated = errno == Errno.ENOSPC || text.length() >= size - 1 || trueSize > size;
                    if (truncated && size < ProgLoadRequest.MAX_LOG_SIZE) {
                        size = (int) Math.min(ProgLoadRequest.MAX_LOG_SIZE, Math.max(2L * size, trueSize + 1L));
                        continue;
                    }
                    int reported = errno == Errno.ENOSPC ? firstErrno : errno;
                    throw new BpfException(callName(BTF_LOAD), reported, "BTF of " + btf.length + " bytes"
                            + (truncated ? " (log truncated)" : "") + MemlockLimit.hintFor(reported), text);
                } finally {
                    log.close();
                }
            }
        }
    }

    private static long btfLoadAttempt(long data, int length, int level, int logSize, long logBuf) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(BTF_LOAD_SIZE);
        a.putLong(BTF_LOAD_BTF, data);
        a.putLong(BTF_LOAD_BTF_LOG_BUF, logBuf);
        a.putInt(BTF_LOAD_BTF_SIZE, length);
        a.putInt(BTF_LOAD_BTF_LOG_SIZE, logSize);
        a.putInt(BTF_LOAD_BTF_LOG_LEVEL, level);
        return bpf(BTF_LOAD, s, BTF_LOAD_SIZE);
    }

    // ---------------------------------------------------------------- bpffs

    /**
     * Pins an object to a path on a bpffs ({@code BPF_OBJ_PIN}).
     *
     * @throws BpfException e.g. {@code EEXIST} if the path exists, {@code EPERM} if not on bpffs
     */
    public void objPin(int fd, String path) {
        Objects.requireNonNull(path, "path");
        try (NativeArgs args = new NativeArgs()) {
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(OBJ_SIZE);
            a.putLong(OBJ_PATHNAME, args.cString(path));
            a.putInt(OBJ_BPF_FD, fd);
            if (bpf(OBJ_PIN, s, OBJ_SIZE) < 0) {
                throw failure(OBJ_PIN, LibC.errno(), "fd " + fd + " to " + path);
            }
        }
    }

    /** Opens a pinned object read-write ({@code BPF_OBJ_GET}). */
    public OwnedFd objGet(String path) {
        return objGet(path, 0);
    }

    /**
     * Opens a pinned object ({@code BPF_OBJ_GET}).
     *
     * @param fileFlags 0, {@link MapCreateFlags#BPF_F_RDONLY} or {@link MapCreateFlags#BPF_F_WRONLY}
     * @throws BpfException e.g. {@code ENOENT} if nothing is pinned there
     */
    public OwnedFd objGet(String path, int fileFlags) {
        Objects.requireNonNull(path, "path");
        try (NativeArgs args = new NativeArgs()) {
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(OBJ_SIZE);
            a.putLong(OBJ_PATHNAME, args.cString(path));
            a.putInt(OBJ_FILE_FLAGS, fileFlags);
            long rc = bpf(OBJ_GET, s, OBJ_SIZE);
            if (rc < 0) {
                throw failure(OBJ_GET, LibC.errno(), path);
            }
            return OwnedFd.adopt((int) rc, "pinned " + path);
        }
    }

    // ---------------------------------------------------------------- ids

    /**
     * {@return the smallest id of a live {@code kind} object greater than {@code startId}, or -1
     * when there is none} ({@code BPF_*_GET_NEXT_ID}; the kernel's {@code ENOENT} ends the walk).
     * Walk all of them with {@code for (int id = bpf.nextId(kind, 0); id > 0; id = bpf.nextId(kind, id))}.
     *
     * @param startId 0 to start, else an id seen before; below {@code INT_MAX} (the kernel's bound)
     * @throws BpfException e.g. {@code EPERM} without {@code CAP_SYS_ADMIN}
     */
    public int nextId(IdKind kind, int startId) {
        Objects.requireNonNull(kind, "kind");
        if (startId < 0 || startId == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("start id " + startId + " outside 0..INT_MAX-1");
        }
        ThreadScratch s = ThreadScratch.get();
        s.clearAttr(ID_SIZE).putInt(ID_START_ID, startId);
        int cmd = kind.nextIdCommand().value();
        if (bpf(cmd, s, ID_SIZE) < 0) {
            int errno = LibC.errno();
            if (errno == Errno.ENOENT) {
                return -1;
            }
            throw failure(cmd, errno, kind.noun() + " ids after " + Integer.toUnsignedString(startId));
        }
        return s.attr.getInt(ID_NEXT_ID);
    }

    /**
     * Opens the {@code kind} object with kernel-wide id {@code id} ({@code BPF_*_GET_FD_BY_ID}).
     *
     * @return a new descriptor, described as e.g. {@code "BTF id 1"}
     * @throws BpfException {@code ENOENT} if no such object lives (any more)
     */
    public OwnedFd fdById(IdKind kind, int id) {
        return fdById(kind, id, 0);
    }

    /**
     * Opens the {@code kind} object with id {@code id}, with {@code open_flags} (maps only:
     * {@link MapCreateFlags#BPF_F_RDONLY} or {@link MapCreateFlags#BPF_F_WRONLY}; 0 otherwise).
     */
    public OwnedFd fdById(IdKind kind, int id, int openFlags) {
        Objects.requireNonNull(kind, "kind");
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(ID_SIZE);
        a.putInt(ID_START_ID, id);
        a.putInt(ID_OPEN_FLAGS, openFlags);
        int cmd = kind.fdByIdCommand().value();
        long rc = bpf(cmd, s, ID_SIZE);
        if (rc < 0) {
            throw failure(cmd, LibC.errno(), kind.noun() + " id " + Integer.toUnsignedString(id));
        }
        return OwnedFd.adopt((int) rc, kind.noun() + " id " + Integer.toUnsignedString(id));
    }

    /** Opens program {@code id} ({@code BPF_PROG_GET_FD_BY_ID}); see {@link #fdById(IdKind, int)}. */
    public OwnedFd progGetFdById(int id) {
        return fdById(IdKind.PROG, id);
    }

    /** Opens map {@code id} ({@code BPF_MAP_GET_FD_BY_ID}); see {@link #fdById(IdKind, int)}. */
    public OwnedFd mapGetFdById(int id) {
        return fdById(IdKind.MAP, id);
    }

    /**
     * Opens BTF object {@code id} ({@code BPF_BTF_GET_FD_BY_ID}): vmlinux's, a module's or a
     * loaded program's; a module's descriptor is what {@code attach_btf_obj_fd} wants.
     */
    public OwnedFd btfGetFdById(int id) {
        return fdById(IdKind.BTF, id);
    }

    /** Opens link {@code id} ({@code BPF_LINK_GET_FD_BY_ID}); see {@link #fdById(IdKind, int)}. */
    public OwnedFd linkGetFdById(int id) {
        return fdById(IdKind.LINK, id);
    }

    // ---------------------------------------------------------------- object info

    /** {@return what the kernel says about map {@code fd}} */
    public MapInfo mapInfo(int fd) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer i = s.clearInfo(MAP_SIZE);
        objInfo(s, fd, MAP_SIZE, "map");
        return new MapInfo(MapType.of(i.getInt(MAP_TYPE)), i.getInt(MAP_ID), cName(i, MAP_NAME),
                i.getInt(MAP_KEY_SIZE), i.getInt(MAP_VALUE_SIZE), i.getInt(MAP_MAX_ENTRIES), i.getInt(MAP_MAP_FLAGS),
                i.getInt(MAP_IFINDEX), i.getInt(MAP_BTF_ID), i.getInt(MAP_BTF_KEY_TYPE_ID),
                i.getInt(MAP_BTF_VALUE_TYPE_ID), i.getInt(MAP_BTF_VMLINUX_VALUE_TYPE_ID), i.getLong(MAP_MAP_EXTRA));
    }

    /** {@return what the kernel says about program {@code fd}} */
    public ProgInfo progInfo(int fd) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer i = s.clearInfo(PROG_SIZE);
        objInfo(s, fd, PROG_SIZE, "program");
        StringBuilder tag = new StringBuilder(2 * TAG_SIZE);
        for (int k = 0; k < TAG_SIZE; k++) {
            tag.append(Character.forDigit((i.get(PROG_TAG + k) >> 4) & 0xF, 16))
                    .append(Character.forDigit(i.get(PROG_TAG + k) & 0xF, 16));
        }
        return new ProgInfo(ProgramType.of(i.getInt(PROG_TYPE)), i.getInt(PROG_ID), cName(i, PROG_NAME),
                tag.toString(), i.getInt(PROG_XLATED_PROG_LEN), i.getInt(PROG_JITED_PROG_LEN), i.getLong(PROG_LOAD_TIME),
                i.getInt(PROG_CREATED_BY_UID), i.getInt(PROG_NR_MAP_IDS), (i.getInt(PROG_GPL_COMPATIBLE_WORD) & 1) != 0,
                i.getInt(PROG_BTF_ID), i.getLong(PROG_RUN_TIME_NS), i.getLong(PROG_RUN_CNT),
                i.getInt(PROG_VERIFIED_INSNS), i.getInt(PROG_ATTACH_BTF_OBJ_ID), i.getInt(PROG_ATTACH_BTF_ID));
    }

    /**
     * {@return the program's translated instructions ({@code xlated_prog_insns}): what the
     * verifier made of the loaded ones, 8 bytes each; empty if the kernel does not show them}
     */
    public byte[] progXlatedInsns(int fd) {
        int length = progInfo(fd).xlatedProgLen();
        if (length == 0) {
            return new byte[0];
        }
        try (NativeArgs args = new NativeArgs()) {
            Memory insns = args.buffer(length);
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer i = s.clearInfo(PROG_SIZE);
            i.putInt(PROG_XLATED_PROG_LEN, length);
            i.putLong(PROG_XLATED_PROG_INSNS, Pointer.nativeValue(insns));
            objInfo(s, fd, PROG_SIZE, "program");
            int written = Math.min(length, i.getInt(PROG_XLATED_PROG_LEN));
            return insns.getByteArray(0, written);
        }
    }

    /** {@return what the kernel says about bpf_link {@code fd}} */
    public LinkInfo linkInfo(int fd) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer i = s.clearInfo(LINK_SIZE);
        objInfo(s, fd, LINK_SIZE, "link");
        return new LinkInfo(LinkType.of(i.getInt(LINK_TYPE)), i.getInt(LINK_ID), i.getInt(LINK_PROG_ID));
    }

    /** {@return what the kernel says about BTF object {@code fd}} */
    public BtfInfo btfInfo(int fd) {
        ThreadScratch s = ThreadScratch.get();
        int nameOffset = 256;
        int nameRoom = 128;
        ByteBuffer i = s.clearInfo(nameOffset + nameRoom);
        i.putLong(BTF_NAME, s.infoAddress + nameOffset);
        i.putInt(BTF_NAME_LEN, nameRoom);
        objInfo(s, fd, BTF_SIZE, "BTF");
        return new BtfInfo(i.getInt(BTF_ID), i.getInt(BTF_BTF_SIZE), cName(i, nameOffset, nameRoom),
                i.getInt(BTF_KERNEL_BTF) != 0);
    }

    private static void objInfo(ThreadScratch s, int fd, int infoSize, String what) {
        ByteBuffer a = s.clearAttr(INFO_SIZE);
        a.putInt(INFO_BPF_FD, fd);
        a.putInt(INFO_INFO_LEN, infoSize);
        a.putLong(INFO_INFO, s.infoAddress);
        if (bpf(OBJ_GET_INFO_BY_FD, s, INFO_SIZE) < 0) {
            throw failure(OBJ_GET_INFO_BY_FD, LibC.errno(), what + " fd " + fd);
        }
    }

    // ---------------------------------------------------------------- links

    /**
     * Creates a bpf_link ({@code BPF_LINK_CREATE}) with no target BTF id or cookie.
     *
     * @param target target fd or ifindex (see {@link LinkCreateRequest#target()})
     * @param flags {@code link_create.flags} (32 bits)
     */
    public OwnedFd linkCreate(int progFd, int target, AttachType type, long flags) {
        if (flags < 0 || flags > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("link_create.flags is 32 bits: " + flags);
        }
        return linkCreate(LinkCreateRequest.of(progFd, target, type, (int) flags));
    }

    /** Creates a bpf_link ({@code BPF_LINK_CREATE}) with every field of {@code r}. */
    public OwnedFd linkCreate(LinkCreateRequest r) {
        try (NativeArgs args = new NativeArgs()) {
            byte[] iterInfo = r.iterInfo();
            long iterInfoAddr = args.bytes(iterInfo);
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(LINK_CREATE_SIZE);
            a.putInt(LINK_CREATE_PROG_FD, r.progFd());
            a.putInt(LINK_CREATE_TARGET_FD, r.target());
            a.putInt(LINK_CREATE_ATTACH_TYPE, r.attachType().value());
            a.putInt(LINK_CREATE_FLAGS, r.flags());
            if (r.attachType() == AttachType.PERF_EVENT) {
                a.putLong(LINK_CREATE_PERF_EVENT_BPF_COOKIE, r.cookie());
            } else if (iterInfo != null) {
                a.putLong(LINK_CREATE_ITER_INFO, iterInfoAddr);
                a.putInt(LINK_CREATE_ITER_INFO_LEN, iterInfo.length);
            } else {
                a.putInt(LINK_CREATE_TARGET_BTF_ID, r.targetBtfId());
                if (LinkCreateRequest.isTracing(r.attachType())) {
                    a.putLong(LINK_CREATE_TRACING_COOKIE, r.cookie());
                }
            }
            long rc = bpf(LINK_CREATE, s, LINK_CREATE_SIZE);
            if (rc < 0) {
                throw failure(LINK_CREATE, LibC.errno(), r.attachType().uapiName() + " link of prog fd "
                        + r.progFd() + " to target " + r.target());
            }
            return OwnedFd.adopt((int) rc, r.attachType().uapiName() + " link");
        }
    }

    /**
     * Detaches a link from its target ({@code BPF_LINK_DETACH}, 5.9) while its fd stays open.
     *
     * @throws BpfException {@code EOPNOTSUPP} for link types that cannot be detached (tracing,
     *     raw tracepoint, perf event)
     */
    public void linkDetach(int linkFd) {
        ThreadScratch s = ThreadScratch.get();
        s.clearAttr(LINK_DETACH_SIZE).putInt(LINK_DETACH_LINK_FD, linkFd);
        if (bpf(LINK_DETACH, s, LINK_DETACH_SIZE) < 0) {
            throw failure(LINK_DETACH, LibC.errno(), "link fd " + linkFd);
        }
    }

    /**
     * Attaches a raw tracepoint program ({@code BPF_RAW_TRACEPOINT_OPEN}) and returns the link.
     *
     * @param name the tracepoint (e.g. {@code "sched_switch"}), or null for a {@code tp_btf}
     *     tracing program whose target was given at load
     */
    public OwnedFd rawTracepointOpen(String name, int progFd) {
        try (NativeArgs args = new NativeArgs()) {
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(RAW_TRACEPOINT_SIZE);
            a.putLong(RAW_TRACEPOINT_NAME, args.cString(name));
            a.putInt(RAW_TRACEPOINT_PROG_FD, progFd);
            long rc = bpf(RAW_TRACEPOINT_OPEN, s, RAW_TRACEPOINT_SIZE);
            if (rc < 0) {
                throw failure(RAW_TRACEPOINT_OPEN, LibC.errno(),
                        (name == null ? "BTF tracepoint" : "tracepoint " + name) + " with prog fd " + progFd);
            }
            return OwnedFd.adopt((int) rc, "raw tracepoint " + (name == null ? "(tp_btf)" : name) + " link");
        }
    }

    /**
     * Creates a multi-kprobe link ({@code BPF_LINK_CREATE}, {@code link_create.kprobe_multi},
     * Linux 5.18).
     *
     * @throws BpfException e.g. {@code ESRCH} when a symbol is not traceable, {@code EOPNOTSUPP}
     *     without {@code CONFIG_FPROBE}
     */
    public OwnedFd linkCreateKprobeMulti(KprobeMultiRequest r) {
        try (NativeArgs args = new NativeArgs()) {
            long syms = args.cStrings(r.symbols());
            long addrs = args.longs(r.addresses());
            long cookies = args.longs(r.cookies());
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(LINK_CREATE_SIZE);
            a.putInt(LINK_CREATE_PROG_FD, r.progFd());
            a.putInt(LINK_CREATE_ATTACH_TYPE, r.attachType().value());
            a.putInt(LINK_CREATE_KPROBE_MULTI_FLAGS, r.returnProbe() ? KprobeMultiRequest.BPF_F_KPROBE_MULTI_RETURN : 0);
            a.putInt(LINK_CREATE_KPROBE_MULTI_CNT, r.count());
            a.putLong(LINK_CREATE_KPROBE_MULTI_SYMS, syms);
            a.putLong(LINK_CREATE_KPROBE_MULTI_ADDRS, addrs);
            a.putLong(LINK_CREATE_KPROBE_MULTI_COOKIES, cookies);
            long rc = bpf(LINK_CREATE, s, LINK_CREATE_SIZE);
            if (rc < 0) {
                throw failure(LINK_CREATE, LibC.errno(), r.attachType().uapiName() + " link of prog fd " + r.progFd()
                        + " to " + r.count() + " functions"
                        + (r.symbols().isEmpty() ? "" : " (" + String.join(", ", r.symbols().subList(0,
                        Math.min(3, r.symbols().size()))) + (r.symbols().size() > 3 ? ", ..." : "") + ")"));
            }
            return OwnedFd.adopt((int) rc, r.attachType().uapiName() + " link");
        }
    }

    /**
     * Creates a multi-uprobe link ({@code BPF_LINK_CREATE}, {@code link_create.uprobe_multi},
     * Linux 6.6).
     */
    public OwnedFd linkCreateUprobeMulti(UprobeMultiRequest r) {
        try (NativeArgs args = new NativeArgs()) {
            long path = args.cString(r.path());
            long offsets = args.longs(r.offsets());
            long refCtr = args.longs(r.refCtrOffsets());
            long cookies = args.longs(r.cookies());
            ThreadScratch s = ThreadScratch.get();
            ByteBuffer a = s.clearAttr(LINK_CREATE_UPROBE_MULTI_SIZE);
            a.putInt(LINK_CREATE_PROG_FD, r.progFd());
            a.putInt(LINK_CREATE_ATTACH_TYPE, AttachType.TRACE_UPROBE_MULTI.value());
            a.putLong(LINK_CREATE_UPROBE_MULTI_PATH, path);
            a.putLong(LINK_CREATE_UPROBE_MULTI_OFFSETS, offsets);
            a.putLong(LINK_CREATE_UPROBE_MULTI_REF_CTR_OFFSETS, refCtr);
            a.putLong(LINK_CREATE_UPROBE_MULTI_COOKIES, cookies);
            a.putInt(LINK_CREATE_UPROBE_MULTI_CNT, r.offsets().length);
            a.putInt(LINK_CREATE_UPROBE_MULTI_FLAGS, r.returnProbe() ? UprobeMultiRequest.BPF_F_UPROBE_MULTI_RETURN : 0);
            a.putInt(LINK_CREATE_UPROBE_MULTI_PID, r.pid());
            long rc = bpf(LINK_CREATE, s, LINK_CREATE_UPROBE_MULTI_SIZE);
            if (rc < 0) {
                throw failure(LINK_CREATE, LibC.errno(), "BPF_TRACE_UPROBE_MULTI link of prog fd " + r.progFd()
                        + " to " + r.offsets().length + " offsets in " + r.path());
            }
            return OwnedFd.adopt((int) rc, "BPF_TRACE_UPROBE_MULTI link");
        }
    }

    /**
     * Creates a netfilter link ({@code BPF_LINK_CREATE}, {@code BPF_NETFILTER}, Linux 6.4).
     *
     * @param pf protocol family ({@code NFPROTO_IPV4} 2, {@code NFPROTO_IPV6} 10)
     * @param hooknum the hook ({@code NF_INET_PRE_ROUTING} 0 ... {@code NF_INET_POST_ROUTING} 4)
     * @param priority the hook priority (not {@code INT_MIN} or {@code INT_MAX})
     * @param flags {@code BPF_F_NETFILTER_IP_DEFRAG} (1, 6.6) or 0
     */
    public OwnedFd linkCreateNetfilter(int progFd, int pf, int hooknum, int priority, int flags) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(LINK_CREATE_SIZE);
        a.putInt(LINK_CREATE_PROG_FD, progFd);
        a.putInt(LINK_CREATE_ATTACH_TYPE, AttachType.NETFILTER.value());
        a.putInt(LINK_CREATE_NETFILTER_PF, pf);
        a.putInt(LINK_CREATE_NETFILTER_HOOKNUM, hooknum);
        a.putInt(LINK_CREATE_NETFILTER_PRIORITY, priority);
        a.putInt(LINK_CREATE_NETFILTER_FLAGS, flags);
        long rc = bpf(LINK_CREATE, s, LINK_CREATE_SIZE);
        if (rc < 0) {
            throw failure(LINK_CREATE, LibC.errno(), "BPF_NETFILTER link of prog fd " + progFd + " (pf " + pf
                    + ", hook " + hooknum + ", priority " + priority + ")");
        }
        return OwnedFd.adopt((int) rc, "BPF_NETFILTER link");
    }

    /**
     * Creates a link in a multi-program attach point that orders its programs
     * ({@code BPF_LINK_CREATE} with {@code tcx}, {@code netkit} or {@code cgroup} members, Linux
     * 6.6; cgroup 6.12): tcx ingress/egress on an interface, netkit, or a cgroup hook.
     *
     * @param target the interface index (tcx, netkit) or cgroup descriptor
     * @param flags {@link ProgAttachFlags#BPF_F_BEFORE}, {@code BPF_F_AFTER}, {@code BPF_F_ID},
     *     {@code BPF_F_LINK}, or 0 to append
     * @param relative the program or link (descriptor, or id with {@code BPF_F_ID}) to insert
     *     next to; 0 for none
     * @param expectedRevision fail with {@code ESTALE} unless the attach point is at this
     *     revision; 0 to skip the check
     */
    public OwnedFd linkCreateOrdered(int progFd, int target, AttachType type, int flags, int relative,
                                     long expectedRevision) {
        Objects.requireNonNull(type, "type");
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(LINK_CREATE_SIZE);
        a.putInt(LINK_CREATE_PROG_FD, progFd);
        a.putInt(LINK_CREATE_TARGET_FD, target);
        a.putInt(LINK_CREATE_ATTACH_TYPE, type.value());
        a.putInt(LINK_CREATE_FLAGS, flags);
        a.putInt(LINK_CREATE_RELATIVE_FD, relative);
        a.putLong(LINK_CREATE_EXPECTED_REVISION, expectedRevision);
        long rc = bpf(LINK_CREATE, s, LINK_CREATE_SIZE);
        if (rc < 0) {
            throw failure(LINK_CREATE, LibC.errno(), type.uapiName() + " link of prog fd " + progFd + " to target "
                    + target);
        }
        return OwnedFd.adopt((int) rc, type.uapiName() + " link");
    }

    /**
     * Attaches a program the pre-link way ({@code BPF_PROG_ATTACH}, Linux 4.10): the attachment
     * belongs to the target and outlives every descriptor until {@link #progDetach}.
     *
     * @throws BpfException e.g. {@code EPERM} when a non-overridable program is attached above,
     *     {@code EEXIST} when the same program is attached already
     */
    public void progAttach(ProgAttachRequest r) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(ATTACH_SIZE);
        a.putInt(ATTACH_TARGET_FD, r.targetFd());
        a.putInt(ATTACH_ATTACH_BPF_FD, r.progFd());
        a.putInt(ATTACH_ATTACH_TYPE, r.attachType().value());
        a.putInt(ATTACH_ATTACH_FLAGS, r.flags());
        a.putInt(ATTACH_REPLACE_BPF_FD, r.replaceProgFd());
        if (bpf(PROG_ATTACH, s, ATTACH_SIZE) < 0) {
            throw failure(PROG_ATTACH, LibC.errno(), r.attachType().uapiName() + " of prog fd " + r.progFd()
                    + " to target fd " + r.targetFd() + " (flags 0x" + Integer.toHexString(r.flags()) + ")");
        }
    }

    /**
     * Detaches a program attached with {@link #progAttach} ({@code BPF_PROG_DETACH}).
     *
     * @param progFd the program to detach; 0 detaches the only one (single-program cgroups,
     *     flow dissector)
     * @throws BpfException {@code ENOENT} if that program is not attached there
     */
    public void progDetach(int targetFd, int progFd, AttachType type) {
        Objects.requireNonNull(type, "type");
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(ATTACH_SIZE);
        a.putInt(ATTACH_TARGET_FD, targetFd);
        a.putInt(ATTACH_ATTACH_BPF_FD, progFd);
        a.putInt(ATTACH_ATTACH_TYPE, type.value());
        if (bpf(PROG_DETACH, s, ATTACH_SIZE) < 0) {
            throw failure(PROG_DETACH, LibC.errno(), type.uapiName() + " of prog fd " + progFd + " from target fd "
                    + targetFd);
        }
    }

    /**
     * Lists the programs attached to a target ({@code BPF_PROG_QUERY}, Linux 4.15): a cgroup
     * descriptor, a network namespace, an interface index (tcx), a sockmap.
     *
     * @param queryFlags {@link ProgAttachFlags#BPF_F_QUERY_EFFECTIVE} or 0
     */
    public ProgQueryResult progQuery(int target, AttachType type, int queryFlags) {
        Objects.requireNonNull(type, "type");
        int room = 64;
        while (true) {
            try (NativeArgs args = new NativeArgs()) {
                Memory ids = args.buffer(4L * room);
                ThreadScratch s = ThreadScratch.get();
                ByteBuffer a = s.clearAttr(QUERY_SIZE);
                a.putInt(QUERY_TARGET_FD, target);
                a.putInt(QUERY_ATTACH_TYPE, type.value());
                a.putInt(QUERY_QUERY_FLAGS, queryFlags);
                a.putLong(QUERY_PROG_IDS, Pointer.nativeValue(ids));
                a.putInt(QUERY_PROG_CNT, room);
                long rc = bpf(PROG_QUERY, s, QUERY_SIZE);
                int count = a.getInt(QUERY_PROG_CNT);
                if (rc < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.ENOSPC && count > room) {
                        room = count;
                        continue;
                    }
                    throw failure(PROG_QUERY, errno, type.uapiName() + " on target " + target);
                }
                return new ProgQueryResult(a.getInt(QUERY_ATTACH_FLAGS), ids.getIntArray(0, Math.min(count, room)),
                        a.getLong(QUERY_REVISION));
            }
        }
    }

    /**
     * Starts one run of an iterator ({@code BPF_ITER_CREATE}, Linux 5.8): reading the returned
     * descriptor ({@link #read}) runs the iterator program and returns what it printed with
     * {@code bpf_seq_printf} / {@code bpf_seq_write}; end of file is the end of the iteration.
     *
     * @param linkFd an iterator link ({@code BPF_TRACE_ITER})
     */
    public OwnedFd iterCreate(int linkFd) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(ITER_CREATE_SIZE);
        a.putInt(ITER_CREATE_LINK_FD, linkFd);
        long rc = bpf(ITER_CREATE, s, ITER_CREATE_SIZE);
        if (rc < 0) {
            throw failure(ITER_CREATE, LibC.errno(), "iterator link fd " + linkFd);
        }
        return OwnedFd.adopt((int) rc, "iterator of link fd " + linkFd);
    }

    // ---------------------------------------------------------------- files and sockets

    /**
     * Reads up to {@code length} bytes ({@code read(2)}); {@code EINTR} is retried.
     *
     * @return the number of bytes read, 0 at end of file
     * @throws BpfException if the read fails (an iterator program's error, e.g. {@code EAGAIN})
     */
    public int read(int fd, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        try (NativeArgs args = new NativeArgs()) {
            Memory memory = args.buffer(length);
            while (true) {
                long rc = LibC.syscall(SyscallNumbers.READ, fd, Pointer.nativeValue(memory), length);
                if (rc < 0) {
                    int errno = LibC.errno();
                    if (errno == Errno.EINTR) {
                        continue;
                    }
                    throw new BpfException("read", errno, "fd " + fd, null);
                }
                memory.read(0, buffer, offset, (int) rc);
                return (int) rc;
            }
        }
    }

    /**
     * Opens a file or directory ({@code openat(AT_FDCWD, path, flags | O_CLOEXEC)}): a cgroup
     * directory or a network namespace file as an attach target.
     *
     * @param flags {@code O_*} flags: {@code 0} (read-only), or {@link #O_DIRECTORY}
     */
    public OwnedFd open(String path, int flags) {
        Objects.requireNonNull(path, "path");
        try (NativeArgs args = new NativeArgs()) {
            long rc = LibC.syscall(SyscallNumbers.OPENAT, AT_FDCWD, args.cString(path), flags | O_CLOEXEC);
            if (rc < 0) {
                throw new BpfException("open", LibC.errno(), path, null);
            }
            return OwnedFd.adopt((int) rc, path);
        }
    }

    /** {@code O_DIRECTORY} for {@link #open}: fail unless the path is a directory (x86_64's value; aarch64's is 040000). */
    public static final int O_DIRECTORY = SyscallNumbers.ARCH.equals("aarch64") ? 040000 : 0200000;
    /** {@code O_CLOEXEC}, always added by {@link #open}. */
    private static final int O_CLOEXEC = 02000000;
    /** {@code AT_FDCWD}. */
    private static final int AT_FDCWD = -100;

    /**
     * Opens a socket ({@code socket(2)} with {@code SOCK_CLOEXEC}).
     *
     * @param domain {@code AF_*}, e.g. {@code AF_INET} 2, {@code AF_NETLINK} 16
     * @param type {@code SOCK_*}, e.g. {@code SOCK_DGRAM} 2, {@code SOCK_RAW} 3
     */
    public OwnedFd socket(int domain, int type, int protocol) {
        long rc = LibC.syscall(SyscallNumbers.SOCKET, domain, type | SOCK_CLOEXEC, protocol);
        if (rc < 0) {
            throw new BpfException("socket", LibC.errno(), "domain " + domain + ", type " + type + ", protocol "
                    + protocol, null);
        }
        return OwnedFd.adopt((int) rc, "socket (domain " + domain + ")");
    }

    /** {@code SOCK_CLOEXEC} (include/linux/net.h). */
    private static final int SOCK_CLOEXEC = 02000000;

    /**
     * Sets an {@code int} socket option ({@code setsockopt(2)}): {@code SO_ATTACH_BPF} (the value
     * is a program descriptor), {@code SO_DETACH_BPF}, {@code SO_ATTACH_REUSEPORT_EBPF}, ...
     */
    public void setsockopt(int socketFd, int level, int option, int value) {
        ThreadScratch s = ThreadScratch.get();
        s.clearAttr(4).putInt(0, value);
        if (LibC.syscall(SyscallNumbers.SETSOCKOPT, socketFd, level, option, s.attrAddress, 4, 0) < 0) {
            throw new BpfException("setsockopt", LibC.errno(), "socket fd " + socketFd + ", level " + level
                    + ", option " + option, null);
        }
    }

    /**
     * {@return the index of network interface {@code name} ({@code if_nametoindex(3)})}
     *
     * @throws BpfException {@code ENODEV} if there is no such interface in this network namespace
     */
    public int interfaceIndex(String name) {
        Objects.requireNonNull(name, "name");
        int index = LibC.if_nametoindex(name);
        if (index == 0) {
            int errno = LibC.errno();
            throw new BpfException("if_nametoindex", errno == 0 ? Errno.ENODEV : errno, name, null);
        }
        return index;
    }

    // ---------------------------------------------------------------- perf events

    /**
     * Opens a perf event ({@code perf_event_open(2)}); {@code PERF_FLAG_FD_CLOEXEC} is always added.
     *
     * @param pid process to watch, -1 for all (then {@code cpu} must be one CPU)
     * @param cpu CPU to watch, -1 for all (then {@code pid} must be a process)
     * @param groupFd group leader, or -1
     * @param flags {@code PERF_FLAG_*}
     */
    public OwnedFd perfEventOpen(PerfEventAttr attr, int pid, int cpu, int groupFd, long flags) {
        ThreadScratch s = ThreadScratch.get();
        attr.writeTo(s.clearAttr(PerfEventAttrLayout.SIZE));
        long rc = LibC.syscall(SyscallNumbers.PERF_EVENT_OPEN, s.attrAddress, pid, cpu, groupFd,
                flags | PerfEventAttrLayout.PERF_FLAG_FD_CLOEXEC, 0);
        int errno = rc < 0 ? LibC.errno() : 0;
        // The uprobe path's native copy belongs to attr: keep it alive until the kernel has read it.
        Reference.reachabilityFence(attr);
        if (rc < 0) {
            throw new BpfException("perf_event_open", errno, attr + " pid " + pid + " cpu " + cpu, null);
        }
        return OwnedFd.adopt((int) rc, "perf event (type " + attr.type() + ", config " + attr.config() + ")");
    }

    /** Starts counting ({@code ioctl(PERF_EVENT_IOC_ENABLE)}). */
    public void perfEventEnable(int fd) {
        ioctl(fd, PerfEventAttrLayout.PERF_EVENT_IOC_ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
    }

    /** Stops counting ({@code ioctl(PERF_EVENT_IOC_DISABLE)}). */
    public void perfEventDisable(int fd) {
        ioctl(fd, PerfEventAttrLayout.PERF_EVENT_IOC_DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
    }

    /** Attaches a program to a perf event the pre-link way ({@code ioctl(PERF_EVENT_IOC_SET_BPF)}). */
    public void perfEventSetBpf(int fd, int progFd) {
        ioctl(fd, PerfEventAttrLayout.PERF_EVENT_IOC_SET_BPF, progFd, "PERF_EVENT_IOC_SET_BPF");
    }

    /**
     * {@return the event's counter value: {@code read(2)} of the 8-byte count (valid for the
     * default {@code read_format} 0)}
     */
    public long perfEventRead(int fd) {
        ThreadScratch s = ThreadScratch.get();
        ByteBuffer a = s.clearAttr(8);
        long rc = LibC.syscall(SyscallNumbers.READ, fd, s.attrAddress, 8);
        if (rc < 0) {
            throw new BpfException("read", LibC.errno(), "perf event fd " + fd, null);
        }
        if (rc != 8) {
            throw new BpfException("read", Errno.EIO, "perf event fd " + fd + " gave " + rc + " bytes, not 8", null);
        }
        return a.getLong(0);
    }

    private static void ioctl(int fd, long request, long arg, String name) {
        if (LibC.syscall(SyscallNumbers.IOCTL, fd, request, arg) < 0) {
            throw new BpfException("ioctl(" + name + ")", LibC.errno(), "fd " + fd, null);
        }
    }

    // ---------------------------------------------------------------- memory mappings

    /**
     * Maps {@code length} bytes of {@code fd} from {@code offset} ({@code mmap(2)}, {@code MAP_SHARED}).
     *
     * @param writable {@code PROT_READ|PROT_WRITE} if true, else {@code PROT_READ}
     * @param offset a multiple of {@link MappedRegion#pageSize()}
     */
    public MappedRegion mmap(int fd, long length, boolean writable, long offset) {
        if (length <= 0) {
            throw new IllegalArgumentException("mmap length must be positive: " + length);
        }
        int prot = writable ? 0x1 | 0x2 : 0x1; // PROT_READ | PROT_WRITE
        int mapShared = 0x01;                  // MAP_SHARED
        long address = LibC.syscall(SyscallNumbers.MMAP, 0, length, prot, mapShared, fd, offset);
        if (address == -1) {
            throw new BpfException("mmap", LibC.errno(), "fd " + fd + ", " + length + " bytes at offset " + offset
                    + (writable ? ", read-write" : ", read-only"), null);
        }
        return new MappedRegion(address, length, writable, "fd " + fd + " offset " + offset);
    }

    // ---------------------------------------------------------------- plumbing

    private static long bpf(int cmd, ThreadScratch s, int size) {
        return LibC.syscall(SyscallNumbers.BPF, cmd, s.attrAddress, size);
    }

    private static BpfException failure(int cmd, int errno, String detail) {
        return new BpfException(callName(cmd), errno, detail, null);
    }

    private static String callName(int cmd) {
        return "bpf(" + BpfCommand.of(cmd).uapiName() + ")";
    }

    private static String describe(String name) {
        return name.isEmpty() ? "(unnamed)" : name;
    }

    private static void putName(ByteBuffer a, int offset, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, OBJ_NAME_LEN - 1);
        for (int k = 0; k < length; k++) {
            a.put(offset + k, bytes[k]);
        }
    }

    private static String cName(ByteBuffer b, int offset) {
        return cName(b, offset, OBJ_NAME_LEN);
    }

    private static String cName(ByteBuffer b, int offset, int room) {
        int length = 0;
        while (length < room && b.get(offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private static long address(ByteBuffer buffer, String what) {
        if (buffer == null) {
            return 0;
        }
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException(what + " must be a direct ByteBuffer");
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) + buffer.position();
    }
}
