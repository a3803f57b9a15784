package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ring buffer map written by a program, read through mmap, waited on with epoll. */
class RingbufTest {
    private static final int BPF_FUNC_RINGBUF_OUTPUT = 130;
    /** {@code BPF_RINGBUF_HDR_SZ}: u32 len (+ busy/discard bits), u32 page offset. */
    private static final int HEADER = 8;

    private final Bpf bpf = Bpf.system();

    @Test
    void programOutputIsSeenThroughTheMapping() {
        long page = MappedRegion.pageSize();
        int size = (int) (16 * page);
        try (OwnedFd ring = bpf.mapCreate(MapCreateRequest.builder(MapType.RINGBUF, 0, 0, size).name("events").build());
             MappedRegion consumer = bpf.mmap(ring.fd(), page, true, 0);
             MappedRegion producer = bpf.mmap(ring.fd(), page + 2L * size, false, page);
             Epoll epoll = Epoll.create()) {
            ByteBuffer cons = consumer.buffer();
            ByteBuffer prod = producer.buffer();
            assertEquals(0L, cons.getLong(0), "consumer position");
            assertEquals(0L, prod.getLong(0), "producer position");

            epoll.add(ring.fd(), Epoll.EPOLLIN, 77);
            long[] tokens = new long[4];
            assertEquals(0, epoll.wait(tokens, 0), "nothing to read yet");

            // *(u64 *)(r10 - 8) = 0x1122334455667788; bpf_ringbuf_output(&ring, r10 - 8, 8, 0); return 0
            byte[] insns = Insns.program()
                    .movImm(1, 0x55667788).stxDw(10, 1, -8)
                    .ldMapFd(1, ring.fd())
                    .movReg(2, 10).addImm(2, -8)
                    .movImm(3, 8).movImm(4, 0)
                    .call(BPF_FUNC_RINGBUF_OUTPUT)
                    .movImm(0, 0).exit().bytes();
            try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, insns).name("emit").build())) {
                assertEquals(0, bpf.progTestRun(TestRunRequest.builder(prog.fd()).dataIn(new byte[64]).build()).retval());
            }

            assertEquals(1, epoll.wait(tokens, 5_000), "the ring buffer became readable");
            assertEquals(77L, tokens[0]);
            assertEquals(HEADER + 8L, prod.getLong(0), "producer advanced by one record");
            int data = (int) page;
            assertEquals(8, prod.getInt(data) & 0x3FFF_FFFF, "record length");
            assertEquals(0x55667788L, prod.getLong(data + HEADER), "record payload");

            cons.putLong(0, prod.getLong(0));
            assertEquals(HEADER + 8L, cons.getLong(0), "consumer position written through the writable mapping");
            epoll.remove(ring.fd());
            assertTrue(consumer.toString().contains("rw"));
            assertTrue(producer.toString().contains("ro"));
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> prod.putLong(0, 0), "read-only mapping");
        }
    }

    @Test
    void unmappedRegionRefusesItsBuffer() {
        long page = MappedRegion.pageSize();
        try (OwnedFd ring = bpf.mapCreate(MapCreateRequest.builder(MapType.RINGBUF, 0, 0, (int) page).build())) {
            MappedRegion consumer = bpf.mmap(ring.fd(), page, true, 0);
            assertTrue(consumer.address() != 0);
            assertEquals(page, consumer.length());
            consumer.close();
            consumer.close();
            assertThrows(IllegalStateException.class, consumer::buffer);
        }
    }

    @Test
    void mmapFailuresNameTheCall() {
        long page = MappedRegion.pageSize();
        FdSnapshot.assertNoLeak(() -> {
            BpfException bad = assertThrows(BpfException.class, () -> bpf.mmap(999_999, page, false, 0));
            assertEquals(Errno.EBADF, bad.errno());
            assertEquals("mmap", bad.call());
        });
        try (OwnedFd ring = bpf.mapCreate(MapCreateRequest.builder(MapType.RINGBUF, 0, 0, (int) page).build())) {
            // The producer pages are read-only for user space.
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EPERM, assertThrows(BpfException.class,
                    () -> bpf.mmap(ring.fd(), page, true, page)).errno()));
        }
    }

    @Test
    void mmapableArrayIsSharedWithLookups() {
        long page = MappedRegion.pageSize();
        try (OwnedFd array = bpf.mapCreate(MapCreateRequest.builder(MapType.ARRAY, 4, 8, 4)
                .flags(MapCreateFlags.BPF_F_MMAPABLE).name("globals").build());
             MappedRegion values = bpf.mmap(array.fd(), page, true, 0)) {
            values.buffer().putLong(16, 4242L);
            byte[] value = new byte[8];
            assertTrue(bpf.mapLookupElem(array.fd(), MapTest.u32(2), value));
            assertEquals(4242L, MapTest.u64(value, 0));
        }
    }
}
