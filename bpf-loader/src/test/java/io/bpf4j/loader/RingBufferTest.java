package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tracepoint program sends records through a ring buffer; Java receives them in order. */
class RingBufferTest {
    private static final int MAGIC = 0xb4f4b4f4;

    @Test
    void recordsArriveInOrderThroughPollAndConsume() throws IOException {
        Map<Integer, String> before = OpenFds.bpfObjects();
        int pid = (int) ProcessHandle.current().pid();
        List<long[]> received = new ArrayList<>();
        try (BpfObject obj = BpfObject.openResource(RingBufferTest.class, "/META-INF/bpf/events.bpf.o")) {
            obj.rodata().setInt("target_tgid", pid);
            obj.load();
            assertEquals(1, obj.attachAll().size());
            Path file = Files.createTempFile("bpf4j-rb", ".txt");
            try (RingBufferReader reader = obj.ringBuffer("records", r -> received.add(decode(r)))) {
                for (int i = 0; i < 20; i++) {
                    Files.readAllBytes(file); // one openat() of this process each
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (received.size() < 20 && System.nanoTime() < deadline) {
                    reader.poll(Duration.ofMillis(100));
                }
                for (int i = 0; i < 5; i++) {
                    Files.readAllBytes(file);
                }
                reader.consume();
            } finally {
                Files.delete(file);
            }
            assertTrue(received.size() >= 25, "received " + received.size());
            for (int i = 0; i < received.size(); i++) {
                assertEquals(i, received.get(i)[0], "sequence numbers arrive in order, none lost");
                assertEquals(pid, received.get(i)[1]);
                assertEquals(MAGIC, (int) received.get(i)[2]);
            }
        }
        assertEquals(before, OpenFds.bpfObjects(), "close detached and freed everything");
    }

    private static long[] decode(ByteBuffer r) {
        assertEquals(16, r.remaining());
        return new long[] {r.getLong(0), r.getInt(8), r.getInt(12)};
    }
}
