package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.attach.Link;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Close tears everything down: bpftool, as an independent oracle, no longer
 * finds the object's programs, maps or links once it is closed.
 */
class LifecycleTest {

    /** Runs bpftool and says whether it found the object (exit code 0). */
    private static boolean bpftoolFinds(String kind, int id) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bpftool", kind, "show", "id", Integer.toString(id))
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    @Test
    void closeDetachesUnloadsAndFrees() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bpftool")) || Files.isExecutable(Path.of("/usr/bin/bpftool")),
                "bpftool (the oracle) is not installed");
        List<int[]> ids = new ArrayList<>();
        try (BpfObject obj = BpfObject.openResource(LifecycleTest.class, "/META-INF/bpf/events.bpf.o")) {
            obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
            obj.load();
            assertEquals(ProgramType.TRACEPOINT, obj.program("on_openat").type());
            List<Link> links = obj.attachAll();
            assertEquals(1, links.size());
            int progId = obj.bpf().progInfo(obj.program("on_openat").fd()).id();
            int linkId = obj.bpf().linkInfo(links.get(0).linkFd().orElseThrow().fd()).id();
            int mapId = obj.bpf().mapInfo(obj.map("records").fd()).id();
            assertEquals(progId, obj.bpf().linkInfo(links.get(0).linkFd().orElseThrow().fd()).progId());
            ids.add(new int[] {progId, linkId, mapId});
            assertTrue(bpftoolFinds("prog", progId));
            assertTrue(bpftoolFinds("link", linkId));
            assertTrue(bpftoolFinds("map", mapId));
        }
        int[] gone = ids.get(0);
        // The kernel frees a program and its maps after an RCU grace period: give it a moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((bpftoolFinds("prog", gone[0]) || bpftoolFinds("map", gone[2])) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(bpftoolFinds("link", gone[1]), "link gone");
        assertFalse(bpftoolFinds("prog", gone[0]), "program gone");
        assertFalse(bpftoolFinds("map", gone[2]), "map gone");
    }

    @Test
    void closingALinkDetachesOnlyThatProgram() {
        try (BpfObject obj = BpfObject.openResource(LifecycleTest.class, "/META-INF/bpf/events.bpf.o")) {
            obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
            obj.load();
            Link link = obj.program("on_openat").attach();
            assertTrue(link.isOpen());
            link.close();
            assertFalse(link.isOpen());
            assertTrue(obj.program("on_openat").isLoaded(), "the program stays loaded");
            Link again = obj.program("on_openat").attach();
            assertNotEquals(link, again);
        }
    }
}
