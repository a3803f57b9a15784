package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.UsdtArgument;
import io.bpf4j.attach.plugins.UsdtLink;
import io.bpf4j.attach.plugins.UsdtOptions;
import io.bpf4j.attach.plugins.UsdtProbe;
import io.bpf4j.attach.plugins.UsdtProbes;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.OnKernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * USDT probes end to end on the host: {@link TracedProgram} and its shared library (built with
 * gcc into /tmp/bpf4j-usdt, the path usdt_probes.bpf.c's auto-attached section names); their notes are read and checked
 * against binutils' readelf; the programs of usdt_probes.bpf.c attach to every kind of
 * argument, a semaphore-guarded probe and a probe in the library; the test program runs, the
 * recorded arguments are checked, and after detach the probes are silent, the semaphore is 0
 * again and the links are gone.
 */
@BpfTest
class UsdtTest {
    private static final Path TARGET = TracedProgram.TARGET;
    private static final Path LIBRARY = TracedProgram.LIBRARY;
    private static final String OBJECT = "/META-INF/bpf/usdt_probes.bpf.o";

    @BeforeAll
    static void buildTracedProgram() throws Exception {
        TracedProgram.build();
    }

    @Test
    void notesMatchReadelf() throws Exception {
        List<UsdtProbe> probes = new ArrayList<>(UsdtProbes.read(TARGET));
        probes.addAll(UsdtProbes.read(LIBRARY));
        String readelf = Fixtures.run(true, "readelf", "-n", TARGET.toString(), LIBRARY.toString());
        Matcher m = Pattern.compile("Provider: (\\S+)\\s+Name: (\\S+)\\s+Location: 0x([0-9a-f]+), Base: 0x[0-9a-f]+,"
                + " Semaphore: 0x([0-9a-f]+)\\s+Arguments: ([^\\n]*)").matcher(readelf);
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(1) + ":" + m.group(2) + " " + Long.parseLong(m.group(3), 16) + " "
                    + Long.parseLong(m.group(4), 16) + " " + m.group(5).trim());
        }
        List<String> actual = probes.stream().map(p -> p.provider() + ":" + p.name() + " " + p.address() + " "
                + p.semaphoreAddress() + " " + p.argumentText()).toList();
        assertEquals(5, expected.size(), readelf);
        assertEquals(expected, actual);

        Map<String, UsdtProbe> byName = new java.util.HashMap<>();
        probes.forEach(p -> byName.put(p.name(), p));
        assertEquals(List.of(new UsdtArgument.InRegister(4, true, "di"), new UsdtArgument.InRegister(8, true, "si"),
                new UsdtArgument.InRegister(1, true, "dx")), byName.get("registers").arguments());
        assertEquals(List.of(new UsdtArgument.Constant(4, true, 5), new UsdtArgument.Constant(4, true, -7),
                new UsdtArgument.Constant(8, true, 123456789012L)), byName.get("constants").arguments());
        assertInstanceOf(UsdtArgument.InMemory.class, byName.get("memory").arguments().get(0));
        UsdtArgument.InMemory element = (UsdtArgument.InMemory) byName.get("element").arguments().get(0);
        assertTrue(element.index() != null && element.scale() == 8, element.toString());
        assertTrue(byName.get("guarded").hasSemaphore());
        assertTrue(byName.get("element").sharedObject());
        // The semaphore's file offset, where the kernel's reference counter points.
        String sections = Fixtures.run(true, "readelf", "-SW", TARGET.toString());
        Matcher probesSection = Pattern.compile("\\.probes\\s+PROGBITS\\s+([0-9a-f]+)\\s+([0-9a-f]+)").matcher(sections);
        assertTrue(probesSection.find(), sections);
        assertEquals(Long.parseLong(probesSection.group(2), 16), byName.get("guarded").semaphoreOffset());
    }

    @Test
    void argumentsSemaphoreAndSharedLibraryEndToEnd(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        assertEquals(List.of("semaphore=0"), run(1), "no probe attached yet");
        obj.load();
        List<Link> links = new ArrayList<>(obj.attachAll());
        assertEquals(1, links.size(), "only on_constants names its probe: " + links);
        links.add(obj.program("on_registers").attach(UsdtOptions.builder(TARGET, "bpf4j", "registers").cookie(7).build()));
        links.add(obj.program("on_memory").attach(UsdtOptions.builder(TARGET, "bpf4j", "memory").build()));
        links.add(obj.program("on_guarded").attach(UsdtOptions.builder(TARGET, "bpf4j", "guarded").build()));
        links.add(obj.program("on_lib_element").attach(UsdtOptions.builder(LIBRARY, "bpf4j_lib", "element").build()));
        Set<Integer> slots = new HashSet<>();
        List<Integer> linkIds = new ArrayList<>();
        for (Link link : links) {
            UsdtLink usdt = assertInstanceOf(UsdtLink.class, link);
            assertTrue(link.isOpen(), link.description());
            slots.addAll(usdt.slots());
            for (Link uprobe : usdt.uprobes()) {
                linkIds.add(Bpf.system().linkInfo(uprobe.linkFd().orElseThrow().fd()).id());
            }
        }
        assertEquals(5, slots.size(), "one spec slot per probe, none shared: " + slots);

        // The kernel counted the semaphore up in the new process: the guarded probe fires.
        assertEquals(List.of("semaphore=1", "semaphore=1", "semaphore=1"), run(3));
        assertEquals(3, bss(obj, "reg_hits"));
        assertEquals(-42, bss(obj, "reg_a"));
        assertEquals(0x1122334455667788L, bss(obj, "reg_b"));
        assertEquals(-3, bss(obj, "reg_c"));
        assertEquals(3, bss(obj, "reg_cnt"));
        assertEquals(7, bss(obj, "reg_cookie"));
        assertEquals(-2, bss(obj, "reg_missing"), "-ENOENT past the last argument");
        assertEquals(3, bss(obj, "mem_hits"));
        assertEquals(80, bss(obj, "mem_value"), "77 + round 3");
        assertEquals(-80, bss(obj, "mem_small"));
        assertEquals(3, bss(obj, "const_hits"));
        assertEquals(5, bss(obj, "const_five"));
        assertEquals(-7, bss(obj, "const_minus_seven"));
        assertEquals(123456789012L, bss(obj, "const_big"));
        assertEquals(3, bss(obj, "guarded_hits"));
        assertEquals(3000, bss(obj, "guarded_value"));
        assertEquals(3, bss(obj, "lib_hits"));
        assertEquals(44, bss(obj, "lib_value"), "values[3 % 4]");
        assertEquals(8, bss(obj, "lib_size"));

        links.forEach(Link::close);
        links.forEach(l -> assertFalse(l.isOpen(), l.description()));
        for (int id : linkIds) {
            assertFalse(Fixtures.linkExists(id), "uprobe link " + id + " gone");
        }
        assertEquals(List.of("semaphore=0", "semaphore=0"), run(2), "the semaphore is released");
        assertEquals(3, bss(obj, "reg_hits"), "silent after detach");
        assertEquals(3, bss(obj, "lib_hits"), "silent after detach");
        assertEquals(3, bss(obj, "const_hits"), "silent after detach");

        // Freed slots are taken again by the next link.
        try (Link again = obj.program("on_registers").attach(UsdtOptions.builder(TARGET, "bpf4j", "registers").build())) {
            assertTrue(slots.containsAll(((UsdtLink) again).slots()), ((UsdtLink) again).slots().toString());
        }
    }

    /**
     * Probes of one running process. Before 5.15 (the 5.10 VM) there are no BPF cookies: the
     * plugin puts each site's run-time address, found in /proc/<pid>/maps for these
     * position-independent files, into the instruction pointer map, and the program's CO-RE
     * query picks that lookup; from 5.15 on the cookie path runs, here and in the newest VM.
     */
    @OnKernels({"5.10", "latest"})
    void probesOfOneProcessByAddressOrCookie(@BpfObjectResource(OBJECT) BpfObject obj) throws Exception {
        TracedProgram.build();
        obj.load();
        Process target = new ProcessBuilder(TARGET.toString(), "2", "wait").redirectErrorStream(true).start();
        List<Link> links = new ArrayList<>();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                target.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))) {
            assertEquals("ready", out.readLine());
            int pid = (int) target.pid();
            links.add(obj.program("on_registers").attach(UsdtOptions.builder(TARGET, "bpf4j", "registers")
                    .pid(pid).cookie(9).build()));
            links.add(obj.program("on_guarded").attach(UsdtOptions.builder(TARGET, "bpf4j", "guarded").pid(pid).build()));
            links.add(obj.program("on_lib_element").attach(UsdtOptions.builder(LIBRARY, "bpf4j_lib", "element")
                    .pid(pid).build()));
            target.getOutputStream().write('\n');
            target.getOutputStream().flush();
            // An attached probe's semaphore is counted up in processes already running, too.
            assertEquals("semaphore=1", out.readLine());
            assertEquals("semaphore=1", out.readLine());
            assertEquals(0, target.waitFor());
        } finally {
            links.forEach(Link::close);
            target.destroyForcibly();
        }
        assertEquals(2, bss(obj, "reg_hits"));
        assertEquals(-42, bss(obj, "reg_a"));
        assertEquals(-3, bss(obj, "reg_c"));
        assertEquals(9, bss(obj, "reg_cookie"));
        assertEquals(2, bss(obj, "guarded_hits"));
        assertEquals(2000, bss(obj, "guarded_value"));
        assertEquals(2, bss(obj, "lib_hits"));
        assertEquals(33, bss(obj, "lib_value"), "values[2 % 4]");
        // Other processes were never probed.
        run(1);
        assertEquals(2, bss(obj, "reg_hits"));
    }

    @Test
    void missingProbeNamesWhatTheBinaryHas(@BpfObjectResource(OBJECT) BpfObject obj) {
        obj.load();
        AttachException e = assertThrows(AttachException.class, () -> obj.program("on_memory")
                .attach(UsdtOptions.builder(TARGET, "bpf4j", "no_such_probe").build()));
        assertTrue(e.getMessage().contains("no USDT probe bpf4j:no_such_probe"), e.getMessage());
        assertTrue(e.getMessage().contains("bpf4j:registers"), e.getMessage());
        assertTrue(e.getMessage().contains("on_memory"), e.getMessage());
    }

    private static List<String> run(int rounds) throws IOException, InterruptedException {
        return TracedProgram.run(rounds);
    }

    private static long bss(BpfObject obj, String name) {
        return obj.bss().getLong(name);
    }
}
