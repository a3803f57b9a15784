package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.MemlockLimit;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.KernelVersion;
import io.bpf4j.testkit.OnKernels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RLIMIT_MEMLOCK on every kernel: a 16 MiB map loads whatever limit the process started with.
 *
 * <p>Before 5.11 the kernel charges BPF memory to the limit, so the map loads only because bpf4j
 * raised it, as libbpf does: the guest's JVM starts with the kernel's default (64 KiB on 5.10;
 * the testkit no longer raises it) and ends unlimited. From 5.11 memory cgroups are charged
 * instead: bpf4j leaves the limit alone, and the map loads even under a 64 KiB limit.
 */
@BpfTest
class MemlockLimitTest {
    private static final String OBJECT = "/META-INF/bpf/memlock.bpf.o";
    private static final long SIXTEEN_MIB = 16L << 20;
    private static final long DEFAULT_OLD_KERNELS = 64 << 10;

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void bigMapLoadsWhateverTheStartingLimit(@BpfObjectResource(OBJECT) BpfObject obj) throws IOException {
        boolean memcg = KernelVersion.running().atLeast(new KernelVersion(5, 11, 0));
        assertEquals(memcg, MemlockLimit.kernelChargesMemcg(), "memcg accounting of BPF memory came in 5.11");
        MemlockLimit.Limit before = MemlockLimit.current();
        if (!memcg) {
            long initLimit = initLockedMemoryLimit();
            assertTrue(initLimit < SIXTEEN_MIB, "the map must not fit the limit processes start with: " + initLimit);
        } else {
            LibC.INSTANCE.setrlimit(LibC.RLIMIT_MEMLOCK, new long[] {DEFAULT_OLD_KERNELS, before.hard()});
        }
        try {
            obj.load();
            byte[] key = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((4 << 20) - 1).array();
            assertEquals(4, obj.map("big").lookup(key).orElseThrow().length, "the last of 4 Mi slots is there");
            MemlockLimit.Limit after = MemlockLimit.current();
            if (memcg) {
                assertEquals(new MemlockLimit.Limit(DEFAULT_OLD_KERNELS, before.hard()), after, "left alone");
            } else {
                assertEquals(new MemlockLimit.Limit(MemlockLimit.UNLIMITED, MemlockLimit.UNLIMITED), after,
                        "raised as libbpf raises it");
            }
        } finally {
            if (memcg) {
                LibC.INSTANCE.setrlimit(LibC.RLIMIT_MEMLOCK, new long[] {before.soft(), before.hard()});
            }
        }
    }

    /** {@return init's "Max locked memory" soft limit: what every process starts with} */
    private static long initLockedMemoryLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/1/limits"))) {
            if (line.startsWith("Max locked memory")) {
                String soft = line.substring("Max locked memory".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("/proc/1/limits has no 'Max locked memory' line");
    }
}
