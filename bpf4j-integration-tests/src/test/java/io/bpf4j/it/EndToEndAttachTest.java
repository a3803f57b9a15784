package io.bpf4j.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.CgroupOptions;
import io.bpf4j.attach.plugins.IteratorLink;
import io.bpf4j.attach.plugins.PerfEventOptions;
import io.bpf4j.attach.plugins.TcDirection;
import io.bpf4j.attach.plugins.TcOptions;
import io.bpf4j.attach.plugins.TcxOptions;
import io.bpf4j.attach.plugins.XdpMode;
import io.bpf4j.attach.plugins.XdpOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each plugin end to end: the program compiled from C (attach_everywhere.bpf.c), loaded with
 * {@link BpfObject}, attached through its plugin, its hook triggered, the hit seen in the
 * {@code hits} map, then detached: the hook is silent and, for bpf_links, the link gone.
 */
class EndToEndAttachTest {

    private static final int XDP_SLOT = 0;
    private static final int TC_SLOT = 1;
    private static final int CGROUP_SLOT = 2;
    private static final int SAMPLE_SLOT = 3;
    private static final int KPROBE_SLOT = 4;
    private static final int FENTRY_SLOT = 5;

    private static int linkId(BpfObject obj, Link link) {
        return io.bpf4j.syscall.Bpf.system().linkInfo(link.linkFd().orElseThrow().fd()).id();
    }

    @Test
    void xdpNativeOnVethThroughBpfLinkAndGenericThroughNetlink() throws Exception {
        try (Fixtures.Veth veth = new Fixtures.Veth("x"); BpfObject obj = Fixtures.open("count_xdp")) {
            obj.load();
            assertTrue(obj.attachAll().isEmpty(), "xdp needs an interface: attachAll skips it");
            Link link = obj.program("count_xdp").attach(XdpOptions.of(veth.outer).mode(XdpMode.NATIVE));
            int id = linkId(obj, link);
            veth.send();
            long seen = Fixtures.settledHits(obj, XDP_SLOT);
            assertTrue(seen > 0, "XDP ran");
            link.close();
            assertFalse(Fixtures.linkExists(id), "link gone");
            veth.send();
            assertEquals(seen, Fixtures.hits(obj, XDP_SLOT), "silent after detach");

            Link netlink = obj.program("count_xdp").attach(XdpOptions.of(veth.outer).mode(XdpMode.GENERIC).viaNetlink());
            assertTrue(Fixtures.run(true, "ip", "link", "show", veth.outer).contains("xdpgeneric"));
            veth.send();
            assertTrue(Fixtures.hits(obj, XDP_SLOT) > seen);
            netlink.close();
            assertFalse(Fixtures.run(true, "ip", "link", "show", veth.outer).contains("xdp"), "detached");
        }
    }

    @Test
    void tcThroughTcxAndThroughClsact() throws Exception {
        try (Fixtures.Veth veth = new Fixtures.Veth("t"); BpfObject obj = Fixtures.open("count_tc")) {
            obj.load();
            Link tcx = obj.program("count_tc").attach(TcxOptions.of(veth.outer, TcDirection.INGRESS));
            int id = linkId(obj, tcx);
            veth.send();
            long seen = Fixtures.settledHits(obj, TC_SLOT);
            assertTrue(seen > 0, "tcx program ran");
            tcx.close();
            assertFalse(Fixtures.linkExists(id));
            veth.send();
            assertEquals(seen, Fixtures.hits(obj, TC_SLOT));

            Link cls = obj.program("count_tc").attach(TcOptions.of(veth.outer, TcDirection.INGRESS).at(1, 1));
            assertTrue(Fixtures.run(true, "tc", "filter", "show", "dev", veth.outer, "ingress").contains("count_tc"));
            veth.send();
            long after = Fixtures.settledHits(obj, TC_SLOT);
            assertTrue(after > seen, "cls_bpf program ran");
            cls.close();
            assertFalse(Fixtures.run(true, "tc", "filter", "show", "dev", veth.outer, "ingress").contains("count_tc"));
            veth.send();
            assertEquals(after, Fixtures.hits(obj, TC_SLOT));
        }
    }

    @Test
    void cgroupEgressThroughLink() throws Exception {
        try (Fixtures.Cgroup cgroup = new Fixtures.Cgroup(); BpfObject obj = Fixtures.open("count_egress")) {
            obj.load();
            Link link = obj.program("count_egress").attach(CgroupOptions.of(cgroup.path));
            int id = linkId(obj, link);
            cgroup.runInside("echo bpf4j > /dev/udp/127.0.0.1/9");
            long seen = Fixtures.settledHits(obj, CGROUP_SLOT);
            assertTrue(seen > 0, "cgroup egress ran");
            link.close();
            assertFalse(Fixtures.linkExists(id));
            cgroup.runInside("echo bpf4j > /dev/udp/127.0.0.1/9");
            assertEquals(seen, Fixtures.hits(obj, CGROUP_SLOT));
        }
    }

    @Test
    void perfEventSamplesTheCpuClock() throws Exception {
        try (BpfObject obj = Fixtures.open("count_sample")) {
            obj.load();
            Link link = obj.program("count_sample").attach(PerfEventOptions.cpuClockFrequency(1000));
            await().atMost(Duration.ofSeconds(5)).until(() -> Fixtures.hits(obj, SAMPLE_SLOT) >= 10);
            link.close();
            long seen = Fixtures.hits(obj, SAMPLE_SLOT);
            Thread.sleep(100);
            assertEquals(seen, Fixtures.hits(obj, SAMPLE_SLOT), "no samples after detach");
        }
    }

    @Test
    void taskIteratorStreamsLinesAndPins() throws Exception {
        try (BpfObject obj = Fixtures.open("dump_task")) {
            obj.load();
            List<Link> links = obj.attachAll();
            assertEquals(1, links.size(), "iter/task auto-attaches");
            IteratorLink iterator = (IteratorLink) links.get(0);
            String self = ProcessHandle.current().pid() + " " + ProcessHandle.current().pid();
            try (Stream<String> lines = iterator.lines()) {
                List<String> all = lines.collect(Collectors.toList());
                assertTrue(all.contains(self), "our main thread is listed");
                long ourThreads = all.stream().filter(l -> l.startsWith(ProcessHandle.current().pid() + " ")).count();
                assertTrue(ourThreads > 1, "every thread of this JVM is listed: " + ourThreads);
            }
            Path pin = Path.of("/sys/fs/bpf", "bpf4j-it-tasks-" + ProcessHandle.current().pid());
            try {
                iterator.pin(pin);
                assertTrue(Files.readAllLines(pin).contains(self), "reading the pin runs the iterator");
            } finally {
                Files.deleteIfExists(pin);
            }
            iterator.close();
            assertFalse(iterator.isOpen());
        }
    }

    @Test
    void kprobeOnVfsUnlink() throws Exception {
        assumeTrue(Files.exists(Path.of("/sys/bus/event_source/devices/kprobe"))
                        || Files.exists(Path.of("/sys/kernel/tracing/kprobe_events")),
                "no kprobes in this kernel (CONFIG_KPROBES off, as on the build host): runs in bpf-testkit's VMs");
        try (BpfObject obj = Fixtures.open("count_unlink")) {
            obj.load();
            List<Link> links = obj.attachAll();
            Files.delete(Files.createTempFile("bpf4j-it", ".tmp"));
            long seen = Fixtures.hits(obj, KPROBE_SLOT);
            assertTrue(seen > 0);
            links.forEach(Link::close);
            Files.delete(Files.createTempFile("bpf4j-it", ".tmp"));
            assertEquals(seen, Fixtures.hits(obj, KPROBE_SLOT));
        }
    }

    @Test
    void fentryOnVfsUnlink() throws Exception {
        try (BpfObject obj = Fixtures.open("fentry_unlink")) {
            try {
                obj.load();
            } catch (BpfException e) {
                assumeTrue(e.errno() != Errno.EPERM, "this kernel refuses trampolines (EPERM, as on the build host):"
                        + " runs in bpf-testkit's VMs");
                throw e;
            }
            Link link = obj.attachAll().get(0);
            int id = linkId(obj, link);
            Files.delete(Files.createTempFile("bpf4j-it", ".tmp"));
            long seen = Fixtures.hits(obj, FENTRY_SLOT);
            assertTrue(seen > 0);
            link.close();
            assertFalse(Fixtures.linkExists(id));
            Files.delete(Files.createTempFile("bpf4j-it", ".tmp"));
            assertEquals(seen, Fixtures.hits(obj, FENTRY_SLOT));
        }
    }
}
