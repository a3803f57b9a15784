package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.MapInfo;
import io.bpf4j.syscall.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every map type the skeleton uses, created by the loader and driven from Java. */
class MapTypesTest {
    private static BpfObject obj;

    @BeforeAll
    static void load() {
        obj = BpfObject.openResource(MapTypesTest.class, "/META-INF/bpf/map_types.bpf.o");
        obj.load();
    }

    @AfterAll
    static void close() {
        obj.close();
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }

    private static long asLong(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getLong(at);
    }

    private static int asInt(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(at);
    }

    @Test
    void kernelMapsMatchTheirDefinitions() {
        for (BpfMap m : obj.maps()) {
            MapInfo info = obj.bpf().mapInfo(m.fd());
            assertEquals(m.type(), info.type(), m.name());
            assertEquals(m.keySize(), info.keySize(), m.name());
            assertEquals(m.valueSize(), info.valueSize(), m.name());
            assertEquals(m.maxEntries(), info.maxEntries(), m.name());
            assertEquals(m.kernelName(), info.name(), m.name());
        }
        assertEquals(MapType.ARRAY_OF_MAPS, obj.map("array_of_maps").type());
    }

    @Test
    void hashWritesReadsIteratesDeletes() {
        BpfMap hash = obj.map("hash");
        Set<Integer> written = new HashSet<>();
        for (int k = 1; k <= 5; k++) {
            hash.update(u32(k), u64(k * 100L));
            written.add(k);
        }
        assertEquals(500L, asLong(hash.lookup(u32(5)).orElseThrow(), 0));
        Set<Integer> iterated = new HashSet<>();
        for (byte[] key : hash.keys()) {
            iterated.add(asInt(key, 0));
        }
        assertEquals(written, iterated);
        assertTrue(hash.delete(u32(3)));
        assertFalse(hash.delete(u32(3)), "already gone");
        assertTrue(hash.lookup(u32(3)).isEmpty());
        assertThrows(BpfException.class, () -> hash.update(u32(1), u64(1), BpfMap.UpdateFlag.NO_EXIST));
    }

    @Test
    void arrayHasEveryIndexAndRefusesDelete() {
        BpfMap array = obj.map("array");
        array.update(u32(7), u64(-1L));
        assertEquals(-1L, asLong(array.lookup(u32(7)).orElseThrow(), 0));
        assertEquals(0L, asLong(array.lookup(u32(0)).orElseThrow(), 0));
        assertEquals(8, array.keyList().size());
        assertTrue(array.lookup(u32(8)).isEmpty(), "out of range");
        BpfException e = assertThrows(BpfException.class, () -> array.delete(u32(1)));
        assertEquals("EINVAL", e.errnoName());
    }

    @Test
    void perCpuMapsHaveOneSlotPerPossibleCpu() {
        int cpus = obj.possibleCpus();
        BpfMap hash = obj.map("percpu_hash");
        assertEquals(8 * cpus, hash.valueBufferSize(), "4-byte values padded to 8 per CPU");
        ByteBuffer value = ByteBuffer.allocate(hash.valueBufferSize()).order(ByteOrder.nativeOrder());
        for (int cpu = 0; cpu < cpus; cpu++) {
            value.putInt(cpu * 8, 10 + cpu);
        }
        hash.update(u32(1), value.array());
        byte[] read = hash.lookup(u32(1)).orElseThrow();
        for (int cpu = 0; cpu < cpus; cpu++) {
            assertEquals(10 + cpu, asInt(read, cpu * 8));
        }
        BpfMap array = obj.map("percpu_array");
        byte[] slots = new byte[array.valueBufferSize()];
        ByteBuffer.wrap(slots).order(ByteOrder.nativeOrder()).putLong(0, 77);
        array.update(u32(2), slots);
        assertEquals(77, asLong(array.lookup(u32(2)).orElseThrow(), 0));
        assertEquals(4, array.keyList().size());
    }

    @Test
    void lruHashEvictsBeyondItsSize() {
        BpfMap lru = obj.map("lru_hash");
        for (long k = 0; k < 200; k++) {
            lru.update(u64(k), u32((int) k));
        }
        List<byte[]> keys = lru.keyList();
        assertTrue(keys.size() <= lru.maxEntries(), "LRU keeps at most max_entries, has " + keys.size());
        assertTrue(lru.lookup(u64(199)).isPresent(), "the newest survives");
    }

    @Test
    void queueIsFifoAndStackIsLifo() {
        BpfMap queue = obj.map("queue");
        BpfMap stack = obj.map("stack");
        for (int v = 1; v <= 3; v++) {
            queue.push(u32(v));
            stack.push(u32(v));
        }
        byte[] out = new byte[4];
        int[] fromQueue = new int[3];
        int[] fromStack = new int[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(queue.lookupAndDelete(null, out));
            fromQueue[i] = asInt(out, 0);
            assertTrue(stack.lookupAndDelete(null, out));
            fromStack[i] = asInt(out, 0);
        }
        assertArrayEquals(new int[] {1, 2, 3}, fromQueue);
        assertArrayEquals(new int[] {3, 2, 1}, fromStack);
        assertFalse(queue.lookupAndDelete(null, out), "empty");
    }

    @Test
    void ringBufferMapIsCreatedWithItsSize() {
        BpfMap rb = obj.map("ringbuf");
        assertEquals(MapType.RINGBUF, rb.type());
        assertEquals(4096, rb.maxEntries());
        try (RingBufferReader reader = obj.ringBuffer("ringbuf", r -> { })) {
            assertEquals(0, reader.consume(), "nothing submitted");
        }
    }
}
