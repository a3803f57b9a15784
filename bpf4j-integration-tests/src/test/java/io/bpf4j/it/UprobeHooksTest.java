package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.attach.plugins.UprobeMultiOptions;
import io.bpf4j.attach.plugins.UprobeOptions;
import io.bpf4j.attach.plugins.UsdtProbe;
import io.bpf4j.attach.plugins.UsdtProbes;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.LinkType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.OnKernels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * uprobe.multi and uretprobe.multi (BPF_TRACE_UPROBE_MULTI, 6.6), BPF cookies of multi-uprobes
 * and of a perf-event uprobe link, a multi-uprobe with a USDT semaphore as reference counter,
 * and a sleepable uprobe calling bpf_copy_from_user, on {@link TracedProgram}'s functions
 * ({@code fire_registers}, {@code fire_memory}, {@code fire_constants}, {@code fire_guarded},
 * {@code fire_string}: each called once per round).
 */
@BpfTest
class UprobeHooksTest {
    private static final String OBJECT = "/META-INF/bpf/uprobe_hooks.bpf.o";
    private static final int FUNCTIONS = 5;

    @BeforeAll
    static void buildTracedProgram() throws Exception {
        TracedProgram.build();
    }

    @Test
    void multiUprobeAndUretprobeFromGlobSections(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "multi_entry", "multi_return");
        List<Link> links = obj.attachAll();
        assertEquals(2, links.size(), links.toString());
        int[] ids = new int[2];
        for (int i = 0; i < 2; i++) {
            Link link = links.get(i);
            assertTrue(link instanceof BpfLink, link.toString());
            assertTrue(link.description().contains("(" + FUNCTIONS + " functions)"), link.description());
            ids[i] = Bpf.system().linkInfo(link.linkFd().orElseThrow().fd()).id();
            assertEquals(LinkType.UPROBE_MULTI, Bpf.system().linkInfo(link.linkFd().orElseThrow().fd()).type());
        }
        TracedProgram.run(2);
        assertEquals(2 * FUNCTIONS, obj.bss().getLong("multi_hits"));
        assertEquals(2 * FUNCTIONS, obj.bss().getLong("multi_return_hits"));

        links.forEach(Link::close);
        for (int id : ids) {
            assertFalse(Fixtures.linkExists(id), "link " + id + " gone");
        }
        TracedProgram.run(1);
        assertEquals(2 * FUNCTIONS, obj.bss().getLong("multi_hits"), "silent after detach");
        assertEquals(2 * FUNCTIONS, obj.bss().getLong("multi_return_hits"), "silent after detach");
    }

    @Test
    void multiUprobeCookiesPidAndReferenceCounter(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "multi_cookies");
        UsdtProbe guarded = UsdtProbes.read(TracedProgram.TARGET).stream().filter(p -> p.name().equals("guarded"))
                .findFirst().orElseThrow();
        try (Link byName = obj.program("multi_cookies").attach(UprobeMultiOptions.functions(TracedProgram.TARGET,
                        List.of("fire_registers", "fire_constants", "fire_string")).cookies(List.of(1L, 2L, 5L)).build());
             Link onlyThisJvm = obj.program("multi_cookies").attach(UprobeMultiOptions.matching(TracedProgram.TARGET,
                     "fire_*").cookies(List.of(7L, 7L, 7L, 7L, 7L)).pid((int) ProcessHandle.current().pid()).build());
             // The USDT probe site of fire_guarded, with its semaphore as the reference counter.
             Link semaphore = obj.program("multi_cookies").attach(UprobeMultiOptions.offsets(TracedProgram.TARGET,
                     List.of(guarded.fileOffset())).refCtrOffsets(List.of(guarded.semaphoreOffset()))
                     .cookies(List.of(3L)).build())) {
            assertTrue(byName.isOpen() && onlyThisJvm.isOpen() && semaphore.isOpen());
            assertEquals(List.of("semaphore=1", "semaphore=1"), TracedProgram.run(2));
            long[] hits = new long[8];
            java.nio.ByteBuffer.wrap(obj.bss().getBytes("cookie_hits")).order(java.nio.ByteOrder.nativeOrder())
                    .asLongBuffer().get(hits);
            assertArrayEquals(new long[] {0, 2, 2, 2, 0, 2, 0, 0}, hits, Arrays.toString(hits));
        }
        assertEquals(List.of("semaphore=0"), TracedProgram.run(1), "the reference counter is released");
    }

    /**
     * In the VMs: 6.1 has no multi-uprobe links, so the program loads as a plain kprobe program
     * and attaching says what is missing; the newest kernel attaches and fires.
     */
    @OnKernels({"6.1", "latest"})
    void multiUprobeNeedsLinux66(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "multi_cookies");
        UprobeMultiOptions options = UprobeMultiOptions.functions(TracedProgram.TARGET, List.of("fire_memory"))
                .cookies(List.of(6L)).build();
        if (!atLeast(6, 6)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> obj.program("multi_cookies").attach(options));
            assertTrue(e.getMessage().contains("BPF_TRACE_UPROBE_MULTI, Linux 6.6"), e.getMessage());
            return;
        }
        try (Link link = obj.program("multi_cookies").attach(options)) {
            TracedProgram.run(2);
            long[] hits = new long[8];
            java.nio.ByteBuffer.wrap(obj.bss().getBytes("cookie_hits")).order(java.nio.ByteOrder.nativeOrder())
                    .asLongBuffer().get(hits);
            assertEquals(2, hits[6], Arrays.toString(hits));
        }
    }

    private static boolean atLeast(int major, int minor) {
        String[] v = System.getProperty("os.version").split("[.-]");
        int ma = Integer.parseInt(v[0]);
        int mi = Integer.parseInt(v[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    @Test
    void perfLinkCookieOfAUprobe(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "perf_link_cookie");
        try (Link link = obj.program("perf_link_cookie").attach(UprobeOptions.builder(TracedProgram.TARGET)
                .function("fire_memory").cookie(0x5eed_cafe_f00dL).build())) {
            assertTrue(((PerfEventLink) link).usesBpfLink(), link.toString());
            TracedProgram.run(2);
            assertEquals(2, obj.bss().getLong("perf_cookie_hits"));
            assertEquals(0x5eed_cafe_f00dL, obj.bss().getLong("perf_cookie"));
        }
    }

    @Test
    void sleepableUprobeCopiesFromUser(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        load(obj, "sleepable_copy");
        List<Link> links = obj.attachAll();
        assertEquals(1, links.size());
        try {
            TracedProgram.run(1);
            assertEquals(1, obj.bss().getLong("sleepable_hits"));
            assertEquals(0, obj.bss().getLong("sleepable_err"), "bpf_copy_from_user returned 0");
            assertArrayEquals("bpf4j-sleepable\0".getBytes(StandardCharsets.US_ASCII),
                    obj.bss().getBytes("sleepable_text"));
        } finally {
            links.forEach(Link::close);
        }
    }

    private static void load(BpfObject obj, String... programs) {
        List<String> wanted = List.of(programs);
        obj.programs().forEach(p -> p.setAutoLoad(wanted.contains(p.name())));
        obj.load();
    }
}
