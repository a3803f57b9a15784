package io.bpf4j.syscall.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One thread's preallocated native memory: the {@code union bpf_attr} (or any other small
 * argument struct) a call fills in, and a growable data area for copying {@code byte[]} keys and
 * values. Reached through {@link #get()}, so a call on the hot path allocates nothing.
 *
 * <p>A call owns the scratch from the moment it starts filling it until the system call returns;
 * nothing in between may call back into another bpf4j call on the same thread.
 */
public final class ThreadScratch {
    /** Bytes reserved for the attribute struct: more than any {@code union bpf_attr} to date. */
    public static final int ATTR_CAPACITY = 256;
    /** Bytes reserved for {@code struct bpf_*_info} outputs. */
    public static final int INFO_CAPACITY = 512;

    private static final ThreadLocal<ThreadScratch> SCRATCH = ThreadLocal.withInitial(ThreadScratch::new);

    private final Memory attrMemory = new Memory(ATTR_CAPACITY);
    private final Memory infoMemory = new Memory(INFO_CAPACITY);
    /** Native-order view over {@link #attrMemory}. */
    public final ByteBuffer attr;
    /** Native address of {@link #attr}. */
    public final long attrAddress;
    /** Native-order view over the info area. */
    public final ByteBuffer info;
    /** Native address of {@link #info}. */
    public final long infoAddress;

    private Memory dataMemory = new Memory(256);
    private ByteBuffer data;
    private long dataAddress;

    private ThreadScratch() {
        attr = attrMemory.getByteBuffer(0, ATTR_CAPACITY).order(ByteOrder.nativeOrder());
        attrAddress = Pointer.nativeValue(attrMemory);
        info = infoMemory.getByteBuffer(0, INFO_CAPACITY).order(ByteOrder.nativeOrder());
        infoAddress = Pointer.nativeValue(infoMemory);
        bindData();
    }

    /** {@return the calling thread's scratch} */
    public static ThreadScratch get() {
        return SCRATCH.get();
    }

    /**
     * Zeroes the first {@code size} bytes of the attribute area and returns it: the kernel rejects
     * non-zero bytes in fields a command does not use.
     */
    public ByteBuffer clearAttr(int size) {
        zero(attr, size);
        return attr;
    }

    /** Zeroes the first {@code size} bytes of the info area and returns it. */
    public ByteBuffer clearInfo(int size) {
        zero(info, size);
        return info;
    }

    /** {@return the data area, grown to at least {@code size} bytes (contents undefined)} */
    public ByteBuffer data(long size) {
        if (size > dataMemory.size()) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("buffer of " + size + " bytes is too large");
            }
            long newSize = Math.max(size, Math.min(dataMemory.size() * 2, Integer.MAX_VALUE - 8));
            Memory old = dataMemory;
            dataMemory = new Memory(newSize);
            bindData();
            old.close();
        }
        return data;
    }

    /** {@return the native address of the data area (valid until the next {@link #data(long)})} */
    public long dataAddress() {
        return dataAddress;
    }

    private void bindData() {
        data = dataMemory.getByteBuffer(0, dataMemory.size()).order(ByteOrder.nativeOrder());
        dataAddress = Pointer.nativeValue(dataMemory);
    }

    private static void zero(ByteBuffer buffer, int size) {
        int i = 0;
        for (; i + 8 <= size; i += 8) {
            buffer.putLong(i, 0L);
        }
        for (; i < size; i++) {
            buffer.put(i, (byte) 0);
        }
    }
}
