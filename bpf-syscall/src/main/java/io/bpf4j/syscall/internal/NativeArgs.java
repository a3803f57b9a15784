package io.bpf4j.syscall.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Native copies of one call's variable-size arguments (instructions, strings, fd arrays, output
 * buffers), freed together when the call is done. Holding them here also keeps them reachable
 * while the kernel reads them: a {@link Memory} whose only trace is a {@code long} address could
 * otherwise be freed by its cleaner in the middle of the system call.
 *
 * <p>Used on cold paths only (loads, pins, test runs); map element calls use
 * {@link ThreadScratch}.
 */
public final class NativeArgs implements AutoCloseable {
    private final List<Memory> owned = new ArrayList<>(4);

    /** {@return the address of a copy of {@code bytes}, or 0 if null or empty} */
    public long bytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return 0;
        }
        Memory memory = allocate(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return Pointer.nativeValue(memory);
    }

    /** {@return the address of a NUL-terminated UTF-8 copy of {@code s}, or 0 if null} */
    public long cString(String s) {
        if (s == null) {
            return 0;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory memory = allocate(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return Pointer.nativeValue(memory);
    }

    /** {@return the address of a copy of {@code ints} in native order, or 0 if null or empty} */
    public long ints(int[] ints) {
        if (ints == null || ints.length == 0) {
            return 0;
        }
        Memory memory = allocate(4L * ints.length);
        memory.write(0, ints, 0, ints.length);
        return Pointer.nativeValue(memory);
    }

    /** {@return the address of a copy of {@code longs} in native order, or 0 if null or empty} */
    public long longs(long[] longs) {
        if (longs == null || longs.length == 0) {
            return 0;
        }
        Memory memory = allocate(8L * longs.length);
        memory.write(0, longs, 0, longs.length);
        return Pointer.nativeValue(memory);
    }

    /** {@return the address of an array of pointers to NUL-terminated copies of {@code strings}, or 0 if empty} */
    public long cStrings(java.util.List<String> strings) {
        if (strings.isEmpty()) {
            return 0;
        }
        long[] pointers = new long[strings.size()];
        for (int i = 0; i < pointers.length; i++) {
            pointers[i] = cString(strings.get(i));
        }
        return longs(pointers);
    }

    /** {@return a zeroed buffer of {@code size} bytes (at least 1) owned by this call} */
    public Memory buffer(long size) {
        Memory memory = allocate(Math.max(1, size));
        memory.clear();
        return memory;
    }

    private Memory allocate(long size) {
        Memory memory = new Memory(size);
        owned.add(memory);
        return memory;
    }

    /** Frees every copy. */
    @Override
    public void close() {
        for (Memory memory : owned) {
            memory.close();
        }
        owned.clear();
    }
}
