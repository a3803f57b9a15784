package io.bpf4j.syscall;

import com.sun.jna.Pointer;
import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.SyscallNumbers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A shared memory mapping of a file descriptor ({@code mmap(2)} with {@code MAP_SHARED}): a ring
 * buffer's pages, an mmap-able array's values, a perf buffer. Made by {@link Bpf#mmap}.
 *
 * <p>{@link #buffer()} is a direct {@link ByteBuffer} in native byte order over the whole mapping;
 * a read-only mapping gives a read-only buffer, so a stray write throws
 * {@link java.nio.ReadOnlyBufferException} instead of faulting. {@link #close()}
 * unmaps once; the buffer must not be touched afterwards (the JDK cannot invalidate it: a use
 * after close crashes the JVM).
 */
public final class MappedRegion implements AutoCloseable {
    private static volatile long pageSize;

    private final long address;
    private final long length;
    private final boolean writable;
    private final String what;
    private final ByteBuffer buffer;
    private final AtomicBoolean closed = new AtomicBoolean();

    MappedRegion(long address, long length, boolean writable, String what) {
        this.address = address;
        this.length = length;
        this.writable = writable;
        this.what = what;
        if (length <= Integer.MAX_VALUE) {
            ByteBuffer view = new Pointer(address).getByteBuffer(0, length);
            this.buffer = (writable ? view : view.asReadOnlyBuffer()).order(ByteOrder.nativeOrder());
        } else {
            this.buffer = null;
        }
    }

    /** {@return the system's page size, the unit of mapping lengths and offsets} */
    public static long pageSize() {
        long size = pageSize;
        if (size == 0) {
            size = LibC.getpagesize();
            pageSize = size;
        }
        return size;
    }

    /** {@return the mapping's native address} */
    public long address() {
        return address;
    }

    /** {@return the mapping's length in bytes} */
    public long length() {
        return length;
    }

    /** {@return whether the mapping is writable} */
    public boolean writable() {
        return writable;
    }

    /**
     * {@return a direct, native-order view over the whole mapping (the same object on every call:
     * duplicate it to keep an independent position)}
     *
     * @throws IllegalStateException if closed
     * @throws UnsupportedOperationException if the mapping is 2 GiB or larger
     */
    public ByteBuffer buffer() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        if (buffer == null) {
            throw new UnsupportedOperationException("a ByteBuffer cannot span " + length
                    + " bytes; use address() for mappings of 2 GiB or more");
        }
        return buffer;
    }

    /** {@return whether {@link #close()} has not been called} */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Unmaps the region once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long rc = LibC.syscall(SyscallNumbers.MUNMAP, address, length, 0);
            if (rc < 0) {
                throw new BpfException("munmap", LibC.errno(), this.toString(), null);
            }
        }
    }

    @Override
    public String toString() {
        return "MappedRegion[" + what + ", " + length + " bytes at 0x" + Long.toHexString(address)
                + (writable ? ", rw" : ", ro") + (closed.get() ? ", closed]" : "]");
    }
}
