package io.bpf4j.syscall;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** perf_event_open and its ioctls on a software clock. */
class PerfEventTest {
    private final Bpf bpf = Bpf.system();

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.identityHashCode(new Object());
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    @Test
    void softwareClockCountsOnlyWhileEnabled() {
        PerfEventAttr attr = PerfEventAttr.builder(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.COUNT_SW_CPU_CLOCK)
                .disabled(true).build();
        assertTrue((attr.flags() & PerfEventAttr.FLAG_DISABLED) != 0);
        try (OwnedFd clock = bpf.perfEventOpen(attr, 0, -1, -1, 0)) {
            spin(5_000_000);
            assertEquals(0L, bpf.perfEventRead(clock.fd()), "created disabled");
            bpf.perfEventEnable(clock.fd());
            // Wall time says little on a loaded machine: spin until this thread ran 2 ms on a CPU.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bpf.perfEventRead(clock.fd()) < 2_000_000L && System.nanoTime() < deadline) {
                spin(1_000_000);
            }
            bpf.perfEventDisable(clock.fd());
            long counted = bpf.perfEventRead(clock.fd());
            assertTrue(counted >= 2_000_000L, "cpu-clock counted nanoseconds of this thread: " + counted);
            spin(5_000_000);
            assertEquals(counted, bpf.perfEventRead(clock.fd()), "disabled counters stand still");
        }
    }

    @Test
    void setBpfRejectsAProgramOfTheWrongType() {
        PerfEventAttr attr = PerfEventAttr.builder(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.COUNT_SW_CPU_CLOCK)
                .samplePeriod(1_000_000).disabled(true).build();
        try (OwnedFd event = bpf.perfEventOpen(attr, -1, 0, -1, 0);
             OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, Insns.returning(0)).build())) {
            FdSnapshot.assertNoLeak(() -> {
                BpfException e = assertThrows(BpfException.class, () -> bpf.perfEventSetBpf(event.fd(), prog.fd()));
                assertEquals(Errno.EINVAL, e.errno());
                assertEquals("ioctl(PERF_EVENT_IOC_SET_BPF)", e.call());
            });
        }
    }

    @Test
    void perfEventProgramAttachesBySetBpfAndByLink() {
        PerfEventAttr attr = PerfEventAttr.builder(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.COUNT_SW_CPU_CLOCK)
                .samplePeriod(1_000_000).disabled(true).build();
        try (OwnedFd prog = bpf.progLoad(ProgLoadRequest.builder(ProgramType.PERF_EVENT, Insns.returning(0))
                .name("sampler").build())) {
            try (OwnedFd event = bpf.perfEventOpen(attr, -1, 0, -1, 0)) {
                bpf.perfEventSetBpf(event.fd(), prog.fd());
                bpf.perfEventEnable(event.fd());
                bpf.perfEventDisable(event.fd());
            }
            try (OwnedFd event = bpf.perfEventOpen(attr, -1, 0, -1, 0);
                 OwnedFd link = bpf.linkCreate(new LinkCreateRequest(prog.fd(), event.fd(), AttachType.PERF_EVENT, 0, 0,
                         0xC00C1EL, null))) {
                LinkInfo info = bpf.linkInfo(link.fd());
                assertEquals(LinkType.PERF_EVENT, info.type());
                assertEquals(bpf.progInfo(prog.fd()).id(), info.progId());
            }
        }
    }

    @Test
    void unknownPmuFails() {
        FdSnapshot.assertNoLeak(() -> {
            BpfException e = assertThrows(BpfException.class,
                    () -> bpf.perfEventOpen(PerfEventAttr.builder(9999, 0).build(), 0, -1, -1, 0));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("perf_event_open failed: ENOENT"), e.getMessage());
        });
        FdSnapshot.assertNoLeak(() -> assertEquals(Errno.EBADF, assertThrows(BpfException.class,
                () -> bpf.perfEventEnable(999_999)).errno()));
    }

    @Test
    void uprobeOpensWithItsPathInNativeMemory() throws Exception {
        int uprobeType = Integer.parseInt(Files.readString(Path.of("/sys/bus/event_source/devices/uprobe/type")).strip());
        PerfEventAttr attr = PerfEventAttr.builder(uprobeType, 0).uprobePath("/bin/true").probeOffset(0x1000).build();
        assertEquals("/bin/true", attr.uprobePath());
        assertEquals(0x1000, attr.config2());
        assertTrue(attr.toString().contains("uprobe /bin/true"));
        // The kernel reads the path through config1: a wrong pointer would be EFAULT, a wrong path ENOENT.
        try (OwnedFd probe = bpf.perfEventOpen(attr, -1, 0, -1, 0)) {
            assertTrue(probe.isOpen());
        }
        PerfEventAttr missing = PerfEventAttr.builder(uprobeType, 0).uprobePath("/no/such/binary").build();
        FdSnapshot.assertNoLeak(() -> assertEquals(Errno.ENOENT, assertThrows(BpfException.class,
                () -> bpf.perfEventOpen(missing, -1, 0, -1, 0)).errno()));
    }
}
