package io.bpf4j.loader;

import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.Epoll;
import io.bpf4j.syscall.MappedRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Consumes one or more BPF ring buffers: the kernel's records are read in
 * place from the shared mapping and handed to a callback per record.
 *
 * <p>The layout (kernel/bpf/ringbuf.c): page 0 holds the consumer position
 * (written by us), page 1 the producer position (written by the kernel), then
 * the data area mapped twice in a row so a record that wraps reads as one
 * contiguous range. Each record starts with an 8-byte header: the length with
 * a BUSY bit (not yet committed) and a DISCARD bit, then the page offset. The
 * consumer position is published once per drain, not once per record.
 *
 * <p>Not thread-safe: poll from one thread. {@link #close()} unmaps and closes
 * the epoll fd; the maps stay owned by their {@link BpfObject}.
 */
public final class RingBufferReader implements AutoCloseable {
    /** BPF_RINGBUF_BUSY_BIT and BPF_RINGBUF_DISCARD_BIT (UAPI linux/bpf.h). */
    private static final int BUSY_BIT = 1 << 31;
    private static final int DISCARD_BIT = 1 << 30;
    /** BPF_RINGBUF_HDR_SZ. */
    private static final int HEADER_SIZE = 8;
    /** EPOLLIN (UAPI linux/eventpoll.h). */
    private static final int EPOLLIN = 0x001;

    private static final VarHandle LONG_AT = MethodHandles.byteBufferViewVarHandle(
            long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT_AT = MethodHandles.byteBufferViewVarHandle(
            int[].class, ByteOrder.nativeOrder());

    private final Bpf bpf;
    private final Epoll epoll;
    private final List<Ring> rings = new ArrayList<>();
    private final long[] readyTokens = new long[16];
    private boolean closed;

    RingBufferReader(Bpf bpf) {
        this.bpf = bpf;
        this.epoll = Epoll.create();
    }

    /** One ring buffer map: its two mappings and its callback. */
    private static final class Ring {
        final String name;
        final MappedRegion consumerPage;
        final MappedRegion producerAndData;
        final ByteBuffer consumer;
        final ByteBuffer producer;
        final ByteBuffer data;
        final long mask;
        final RingBufferCallback callback;

        Ring(String name, MappedRegion consumerPage, MappedRegion producerAndData, int pageSize,
             int dataSize, RingBufferCallback callback) {
            this.name = name;
            this.consumerPage = consumerPage;
            this.producerAndData = producerAndData;
            this.consumer = consumerPage.buffer().order(ByteOrder.nativeOrder());
            ByteBuffer whole = producerAndData.buffer().order(ByteOrder.nativeOrder());
            this.producer = whole.duplicate().order(ByteOrder.nativeOrder());
            this.data = whole.duplicate().position(pageSize).slice().order(ByteOrder.nativeOrder());
            this.mask = dataSize - 1L;
            this.callback = callback;
        }
    }

    /**
     * Adds another ring buffer map to this reader, so one {@link #poll} waits
     * on all of them.
     *
     * @param map      a loaded map of type RINGBUF
     * @param callback called per record of this map
     * @return this reader
     */
    public RingBufferReader add(BpfMap map, RingBufferCallback callback) {
        Objects.requireNonNull(callback, "callback");
        ensureOpen();
        if (map.type() != io.bpf4j.syscall.MapType.RINGBUF) {
            throw new IllegalArgumentException("map '" + map.name() + "' is a " + map.type()
                    + ", not a RINGBUF");
        }
        int fd = map.fd();
        int pageSize = (int) MappedRegion.pageSize();
        int dataSize = map.maxEntries();
        MappedRegion consumerPage = bpf.mmap(fd, pageSize, true, 0);
        MappedRegion producerAndData;
        try {
            producerAndData = bpf.mmap(fd, pageSize + 2L * dataSize, false, pageSize);
        } catch (RuntimeException e) {
            consumerPage.close();
            throw e;
        }
        try {
            epoll.add(fd, EPOLLIN, rings.size());
        } catch (RuntimeException e) {
            producerAndData.close();
            consumerPage.close();
            throw e;
        }
        rings.add(new Ring(map.name(), consumerPage, producerAndData, pageSize, dataSize, callback));
        return this;
    }

    /**
     * Waits up to {@code timeout} for records, then consumes what is there.
     *
     * @param timeout how long to wait when nothing is ready; zero does not wait
     * @return the number of records handed to callbacks
     */
    public int poll(Duration timeout) {
        ensureOpen();
        int consumed = consume();
        if (consumed > 0) {
            return consumed;
        }
        long millis = Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        int ready = epoll.wait(readyTokens, (int) millis);
        if (ready <= 0) {
            return 0;
        }
        for (int i = 0; i < ready; i++) {
            consumed += drain(rings.get((int) readyTokens[i]));
        }
        return consumed;
    }

    /**
     * Consumes every record already committed in every ring, without waiting.
     *
     * @return the number of records handed to callbacks
     */
    public int consume() {
        ensureOpen();
        int consumed = 0;
        for (Ring ring : rings) {
            consumed += drain(ring);
        }
        return consumed;
    }

    private static int drain(Ring ring) {
        long consumerPos = (long) LONG_AT.getAcquire(ring.consumer, 0);
        long start = consumerPos;
        int count = 0;
        while (true) {
            long producerPos = (long) LONG_AT.getAcquire(ring.producer, 0);
            if (consumerPos >= producerPos) {
                break;
            }
            while (consumerPos < producerPos) {
                int at = (int) (consumerPos & ring.mask);
                int header = (int) INT_AT.getAcquire(ring.data, at);
                if ((header & BUSY_BIT) != 0) {
                    // The producer reserved this record but has not committed it yet.
                    publish(ring, consumerPos, start);
                    return count;
                }
                int length = header & ~(BUSY_BIT | DISCARD_BIT);
                if ((header & DISCARD_BIT) == 0) {
                    ByteBuffer record = ring.data.slice(at + HEADER_SIZE, length)
                            .order(ByteOrder.nativeOrder());
                    ring.callback.onRecord(record);
                    count++;
                }
                consumerPos += (length + HEADER_SIZE + 7) & ~7L;
            }
            // Publish before re-reading the producer so the kernel sees the space freed.
            publish(ring, consumerPos, start);
            start = consumerPos;
        }
        return count;
    }

    private static void publish(Ring ring, long consumerPos, long previous) {
        if (consumerPos != previous) {
            LONG_AT.setRelease(ring.consumer, 0, consumerPos);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ring buffer reader is closed");
        }
    }

    /** {@return the names of the maps this reader consumes} */
    public List<String> mapNames() {
        List<String> names = new ArrayList<>();
        for (Ring r : rings) {
            names.add(r.name);
        }
        return names;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Ring r : rings) {
            r.producerAndData.close();
            r.consumerPage.close();
        }
        rings.clear();
        epoll.close();
    }
}
