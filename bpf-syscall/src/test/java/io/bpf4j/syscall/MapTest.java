package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

import static io.bpf4j.syscall.MapUpdateFlags.BPF_ANY;
import static io.bpf4j.syscall.MapUpdateFlags.BPF_EXIST;
import static io.bpf4j.syscall.MapUpdateFlags.BPF_NOEXIST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Map commands against the running kernel. */
class MapTest {
    private final Bpf bpf = Bpf.system();

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }

    static long u64(byte[] b, int offset) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong(offset);
    }

    static int u32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(0);
    }

    private OwnedFd create(MapType type, int key, int value, int max) {
        return bpf.mapCreate(MapCreateRequest.builder(type, key, value, max).name("t_" + type.name().toLowerCase()).build());
    }

    private Set<Integer> keys(int fd) {
        Set<Integer> keys = new HashSet<>();
        byte[] next = new byte[4];
        for (byte[] key = null; bpf.mapGetNextKey(fd, key, next); key = next.clone()) {
            assertTrue(keys.add(u32(next)), "iteration visits each key once");
        }
        return keys;
    }

    @Test
    void hashCreateUpdateLookupDeleteIterate() {
        try (OwnedFd map = create(MapType.HASH, 4, 8, 16)) {
            for (int k = 1; k <= 5; k++) {
                bpf.mapUpdateElem(map.fd(), u32(k), u64(k * 100L), BPF_NOEXIST);
            }
            byte[] value = new byte[8];
            assertTrue(bpf.mapLookupElem(map.fd(), u32(3), value));
            assertEquals(300L, u64(value, 0));
            assertFalse(bpf.mapLookupElem(map.fd(), u32(42), value), "missing key is false, not an exception");

            BpfException exists = assertThrows(BpfException.class,
                    () -> bpf.mapUpdateElem(map.fd(), u32(3), u64(1), BPF_NOEXIST));
            assertEquals(Errno.EEXIST, exists.errno());
            BpfException missing = assertThrows(BpfException.class,
                    () -> bpf.mapUpdateElem(map.fd(), u32(9), u64(1), BPF_EXIST));
            assertEquals("ENOENT", missing.errnoName());

            bpf.mapUpdateElem(map.fd(), u32(3), u64(333), BPF_EXIST);
            assertTrue(bpf.mapLookupElem(map.fd(), u32(3), value));
            assertEquals(333L, u64(value, 0));

            assertEquals(Set.of(1, 2, 3, 4, 5), keys(map.fd()));
            assertTrue(bpf.mapDeleteElem(map.fd(), u32(2)));
            assertFalse(bpf.mapDeleteElem(map.fd(), u32(2)), "second delete finds nothing");
            assertEquals(Set.of(1, 3, 4, 5), keys(map.fd()));

            MapInfo info = bpf.mapInfo(map.fd());
            assertEquals(MapType.HASH, info.type());
            assertEquals("t_hash", info.name());
            assertEquals(4, info.keySize());
            assertEquals(8, info.valueSize());
            assertEquals(16, info.maxEntries());
            assertTrue(info.id() > 0);
        }
    }

    @Test
    void hashFullGivesE2big() {
        try (OwnedFd map = create(MapType.HASH, 4, 4, 2)) {
            bpf.mapUpdateElem(map.fd(), u32(1), u32(1), BPF_ANY);
            bpf.mapUpdateElem(map.fd(), u32(2), u32(2), BPF_ANY);
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class,
                        () -> bpf.mapUpdateElem(map.fd(), u32(3), u32(3), BPF_ANY));
                assertEquals(Errno.E2BIG, e.errno());
                assertEquals("bpf(BPF_MAP_UPDATE_ELEM)", e.call());
            });
        }
    }

    @Test
    void arrayElementsAlwaysExist() {
        try (OwnedFd map = create(MapType.ARRAY, 4, 8, 4)) {
            byte[] value = new byte[8];
            assertTrue(bpf.mapLookupElem(map.fd(), u32(3), value));
            assertEquals(0L, u64(value, 0), "array values start zeroed");
            bpf.mapUpdateElem(map.fd(), u32(3), u64(77), BPF_ANY);
            assertTrue(bpf.mapLookupElem(map.fd(), u32(3), value));
            assertEquals(77L, u64(value, 0));
            assertFalse(bpf.mapLookupElem(map.fd(), u32(4), value), "index past max_entries is ENOENT");
            assertEquals(Set.of(0, 1, 2, 3), keys(map.fd()));
            FdSnapshot.assertNoLeak(() -> {
                assertEquals(Errno.EEXIST, assertThrows(BpfException.class,
                        () -> bpf.mapUpdateElem(map.fd(), u32(1), u64(1), BPF_NOEXIST)).errno());
                assertEquals(Errno.EINVAL, assertThrows(BpfException.class,
                        () -> bpf.mapDeleteElem(map.fd(), u32(1))).errno());
            });
        }
    }

    @Test
    void perCpuValuesHaveOneSlotPerPossibleCpu() {
        int cpus = Bpf.possibleCpus();
        assertTrue(cpus >= 1);
        for (MapType type : new MapType[] {MapType.PERCPU_HASH, MapType.PERCPU_ARRAY}) {
            try (OwnedFd map = create(type, 4, 8, 4)) {
                byte[] in = new byte[8 * cpus];
                ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.nativeOrder());
                for (int c = 0; c < cpus; c++) {
                    b.putLong(8 * c, 1000L + c);
                }
                bpf.mapUpdateElem(map.fd(), u32(1), in, BPF_ANY);
                byte[] out = new byte[8 * cpus];
                assertTrue(bpf.mapLookupElem(map.fd(), u32(1), out), type.name());
                assertArrayEquals(in, out, type + " per-CPU slots round trip");
                assertEquals(type, bpf.mapInfo(map.fd()).type());
                if (type == MapType.PERCPU_HASH) {
                    assertEquals(Set.of(1), keys(map.fd()));
                    assertTrue(bpf.mapDeleteElem(map.fd(), u32(1)));
                    assertFalse(bpf.mapLookupElem(map.fd(), u32(1), out));
                }
            }
        }
    }

    @Test
    void lruHashEvictsInsteadOfFailing() {
        try (OwnedFd lru = create(MapType.LRU_HASH, 4, 4, 8)) {
            for (int k = 0; k < 200; k++) {
                bpf.mapUpdateElem(lru.fd(), u32(k), u32(k), BPF_ANY);
            }
            Set<Integer> left = keys(lru.fd());
            assertFalse(left.isEmpty());
            assertTrue(left.size() <= 8 + Bpf.possibleCpus(), "LRU kept " + left.size());
            assertTrue(left.contains(199), "the newest element survives");
            assertFalse(left.contains(0), "the oldest element was evicted");
        }
    }

    @Test
    void queueIsFifoWithLookupAndDelete() {
        try (OwnedFd queue = create(MapType.QUEUE, 0, 4, 3)) {
            for (int v = 1; v <= 3; v++) {
                bpf.mapUpdateElem(queue.fd(), (byte[]) null, u32(v), BPF_ANY);
            }
            BpfException full = assertThrows(BpfException.class,
                    () -> bpf.mapUpdateElem(queue.fd(), (byte[]) null, u32(4), BPF_ANY));
            assertEquals(Errno.E2BIG, full.errno());
            byte[] value = new byte[4];
            assertTrue(bpf.mapLookupElem(queue.fd(), (byte[]) null, value), "peek");
            assertEquals(1, u32(value));
            for (int expected = 1; expected <= 3; expected++) {
                assertTrue(bpf.mapLookupAndDeleteElem(queue.fd(), null, value));
                assertEquals(expected, u32(value));
            }
            assertFalse(bpf.mapLookupAndDeleteElem(queue.fd(), null, value), "empty queue");
        }
    }

    @Test
    void hashLookupAndDelete() {
        try (OwnedFd map = create(MapType.HASH, 4, 4, 4)) {
            bpf.mapUpdateElem(map.fd(), u32(7), u32(70), BPF_ANY);
            byte[] value = new byte[4];
            assertTrue(bpf.mapLookupAndDeleteElem(map.fd(), u32(7), value));
            assertEquals(70, u32(value));
            assertFalse(bpf.mapLookupElem(map.fd(), u32(7), value));
        }
    }

    @Test
    void progArrayHoldsProgramsAndLooksUpTheirIds() {
        try (OwnedFd progs = create(MapType.PROG_ARRAY, 4, 4, 4);
             OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, Insns.returning(0))
                     .name("tail").build())) {
            bpf.mapUpdateElem(progs.fd(), u32(2), u32(prog.fd()), BPF_ANY);
            byte[] value = new byte[4];
            assertTrue(bpf.mapLookupElem(progs.fd(), u32(2), value));
            assertEquals(bpf.progInfo(prog.fd()).id(), u32(value), "lookup in a prog array gives the program id");
            assertFalse(bpf.mapLookupElem(progs.fd(), u32(1), value), "empty slot");
            assertTrue(bpf.mapDeleteElem(progs.fd(), u32(2)));
            FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EBADF, assertThrows(BpfException.class,
                    () -> bpf.mapUpdateElem(progs.fd(), u32(0), u32(progs.fd() + 1000), BPF_ANY)).errno()));
        }
    }

    @Test
    void frozenMapRefusesUpdatesFromUserSpace() {
        try (OwnedFd map = create(MapType.ARRAY, 4, 4, 1)) {
            bpf.mapUpdateElem(map.fd(), u32(0), u32(5), BPF_ANY);
            bpf.mapFreeze(map.fd());
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class,
                        () -> bpf.mapUpdateElem(map.fd(), u32(0), u32(6), BPF_ANY));
                assertEquals(Errno.EPERM, e.errno());
                assertTrue(e.getMessage().startsWith("bpf(BPF_MAP_UPDATE_ELEM) failed: EPERM (Operation not permitted)"),
                        e.getMessage());
            });
            byte[] value = new byte[4];
            assertTrue(bpf.mapLookupElem(map.fd(), u32(0), value), "reads still work");
            assertEquals(5, u32(value));
        }
    }

    @Test
    void nativeAddressOverloadsAllocateNothingAndWork() {
        try (OwnedFd map = create(MapType.HASH, 4, 8, 8); Memory key = new Memory(4); Memory value = new Memory(8)) {
            long k = Pointer.nativeValue(key);
            long v = Pointer.nativeValue(value);
            key.setInt(0, 11);
            value.setLong(0, 1111L);
            bpf.mapUpdateElem(map.fd(), k, v, BPF_ANY);
            value.setLong(0, 0);
            assertTrue(bpf.mapLookupElem(map.fd(), k, v, 0));
            assertEquals(1111L, value.getLong(0));
            Memory next = new Memory(4);
            assertTrue(bpf.mapGetNextKey(map.fd(), 0, Pointer.nativeValue(next)));
            assertEquals(11, next.getInt(0));
            assertFalse(bpf.mapGetNextKey(map.fd(), k, Pointer.nativeValue(next)), "only one key");
            assertTrue(bpf.mapDeleteElem(map.fd(), k));
            assertFalse(bpf.mapLookupElem(map.fd(), k, v, 0));
            next.close();
        }
    }

    @Test
    void directByteBufferOverloadsUsePositions() {
        try (OwnedFd map = create(MapType.HASH, 4, 8, 8)) {
            ByteBuffer key = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            ByteBuffer value = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            key.putInt(4, 21).position(4);
            value.putLong(8, 2121L).position(8);
            bpf.mapUpdateElem(map.fd(), key, value, BPF_ANY);
            assertEquals(4, key.position(), "positions are left alone");
            value.putLong(0, 0).putLong(8, 0).position(0);
            assertTrue(bpf.mapLookupElem(map.fd(), key, value));
            assertEquals(2121L, value.getLong(0));
            ByteBuffer next = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            assertTrue(bpf.mapGetNextKey(map.fd(), null, next));
            assertEquals(21, next.getInt(0));
            assertTrue(bpf.mapDeleteElem(map.fd(), key));
            assertThrows(IllegalArgumentException.class,
                    () -> bpf.mapLookupElem(map.fd(), ByteBuffer.allocate(4), value));
        }
    }

    @Test
    void badFdIsEbadfAndNamesTheCommand() {
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class,
                    () -> bpf.mapLookupElem(999_999, new byte[4], new byte[4]));
            assertEquals(Errno.EBADF, e.errno());
            assertEquals("EBADF", e.errnoName());
            assertEquals("bpf(BPF_MAP_LOOKUP_ELEM)", e.call());
            assertTrue(e.getMessage().startsWith("bpf(BPF_MAP_LOOKUP_ELEM) failed: EBADF (Bad file descriptor)"),
                    e.getMessage());
            assertTrue(e.log().isEmpty());
        });
    }

    @Test
    void invalidCreateIsEinvalAndLeaksNothing() {
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class, () -> bpf.mapCreate(
                    MapCreateRequest.builder(MapType.HASH, 0, 4, 4).name("bad").build()));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("map bad"), e.getMessage());
            assertEquals(Errno.EINVAL, assertThrows(BpfException.class, () -> bpf.mapCreate(
                    MapCreateRequest.builder(MapType.UNSPEC, 4, 4, 4).build())).errno());
        });
    }

    @Test
    void longNamesAreTruncatedTo15Bytes() {
        try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.ARRAY, 4, 4, 1)
                .name("a_very_long_map_name_indeed").build())) {
            assertEquals("a_very_long_map", bpf.mapInfo(map.fd()).name());
        }
    }

    @Test
    void ownedFdDuplicateAndIdempotentClose() {
        OwnedFd map = create(MapType.ARRAY, 4, 4, 1);
        OwnedFd copy = map.duplicate();
        assertTrue(copy.fd() != map.fd());
        assertEquals(bpf.mapInfo(map.fd()).id(), bpf.mapInfo(copy.fd()).id(), "same kernel object");
        assertTrue(map.toString().contains("map t_array"), map.toString());
        FdSnapshot before = FdSnapshot.take();
        map.close();
        map.close();
        assertFalse(map.isOpen());
        assertThrows(IllegalStateException.class, map::fd);
        assertTrue(map.toString().contains("closed"));
        assertEquals(before.fds().size() - 1, FdSnapshot.take().fds().size(), "closed exactly one descriptor");
        copy.close();
        assertThrows(IllegalArgumentException.class, () -> OwnedFd.adopt(-1, "nothing"));
    }
}
