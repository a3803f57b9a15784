package io.bpf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.loader.BpfObject;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;

@BpfTest
class BpfObjectExtensionTest {
    private static final AtomicReference<BpfObject> LAST = new AtomicReference<>();

    @BpfTest
    void opensTheResourceAndTheProgramRuns(@BpfObjectResource("/META-INF/bpf/child_execs.bpf.o") BpfObject obj)
            throws Exception {
        KernelAssumptions.assumeTracefs();
        LAST.set(obj);
        assertFalse(obj.isLoaded(), "opened, not loaded: the test may still adjust it");
        obj.rodata().setInt("parent_tgid", (int) ProcessHandle.current().pid());
        obj.load();
        obj.attachAll();
        assertEquals(0, new ProcessBuilder("/bin/true").start().waitFor());
        assertTrue(Eventually.globalLong(obj.bss(), "child_execs", n -> n >= 1) >= 1);
    }

    @AfterAll
    static void theExtensionClosedTheObject() {
        BpfObject obj = LAST.get();
        if (obj != null) {
            assertFalse(obj.isLoaded(), "closed by the extension store");
        }
    }
}
