package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native-address element calls allocate nothing on the Java heap. */
class HotPathTest {
    @Test
    void lookupsAndUpdatesByAddressDoNotAllocate() throws Exception {
        // Reflection: this module does not read java.management, but core reflection may use it.
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        Bpf bpf = Bpf.system();
        try (OwnedFd map = bpf.mapCreate(MapCreateRequest.builder(MapType.HASH, 4, 8, 4).build());
             Memory key = new Memory(4); Memory value = new Memory(8); Memory missing = new Memory(4)) {
            int fd = map.fd();
            long k = Pointer.nativeValue(key);
            long v = Pointer.nativeValue(value);
            long m = Pointer.nativeValue(missing);
            key.setInt(0, 1);
            missing.setInt(0, 2);
            bpf.mapUpdateElem(fd, k, v, MapUpdateFlags.BPF_ANY);
            for (int i = 0; i < 20_000; i++) {
                bpf.mapLookupElem(fd, k, v, 0);
                bpf.mapLookupElem(fd, m, v, 0);
                bpf.mapUpdateElem(fd, k, v, MapUpdateFlags.BPF_ANY);
            }
            long before = (long) allocated.invoke(threads);
            for (int i = 0; i < 10_000; i++) {
                assertTrue(bpf.mapLookupElem(fd, k, v, 0));
                assertFalse(bpf.mapLookupElem(fd, m, v, 0));
                bpf.mapUpdateElem(fd, k, v, MapUpdateFlags.BPF_ANY);
            }
            long after = (long) allocated.invoke(threads);
            // The two reflective probes themselves may allocate a little; 30,000 calls must not.
            assertTrue(after - before < 4096, "allocated " + (after - before) + " bytes in 30,000 calls");
        }
    }
}
