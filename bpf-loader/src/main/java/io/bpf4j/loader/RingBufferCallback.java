package io.bpf4j.loader;

import java.nio.ByteBuffer;

/** Receives the records of a BPF ring buffer ({@code BPF_MAP_TYPE_RINGBUF}). */
@FunctionalInterface
public interface RingBufferCallback {
    /**
     * Called once per submitted record, in the order the kernel committed them.
     *
     * @param record the record's bytes, from position 0 to its limit, in the
     *               host's byte order; a view straight into the kernel's
     *               memory, valid only during this call: copy what you keep
     */
    void onRecord(ByteBuffer record);
}
