package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lwt plugin's route handling against the kernel: a route added with a program, seen by
 * {@code ip route} (the oracle), deleted at close; bad prefixes, missing devices, a taken route
 * and the seg6local section end in one typed exception and leak no descriptor.
 */
class LwtRouteAttachTest {

    /** BPF_OK (include/uapi/linux/bpf.h, enum bpf_ret_code). */
    private static final int BPF_OK = 0;

    private final LwtPlugin lwt = new LwtPlugin();

    @Test
    void attachAddsTheRouteAndCloseDeletesIt() throws Exception {
        try (VethPair veth = new VethPair("lw");
             CountingProgram program = CountingProgram.load("lwt_count", "lwt_xmit",
                     lwt.define("lwt_xmit", LoadContext.system()), BPF_OK)) {
            String prefix = "10.93." + (ProcessHandle.current().pid() % 200) + ".0/24";
            Link link = lwt.attach(program.context(), LwtOptions.route(prefix, veth.outer));
            LwtRouteLink route = assertInstanceOf(LwtRouteLink.class, link);
            assertEquals(ProgramType.LWT_XMIT, route.route().hook().programType());
            String shown = routes(veth.outer);
            assertTrue(shown.contains(prefix) && shown.contains("encap bpf xmit") && shown.contains("lwt_count"), shown);

            // The same route again: EEXIST from the kernel, one typed exception, no socket left open.
            long fds = openDescriptors();
            AttachException taken = assertThrows(AttachException.class,
                    () -> lwt.attach(program.context(), LwtOptions.route(prefix, veth.outer)));
            assertEquals(Errno.EEXIST, ((BpfException) taken.getCause()).errno(), taken.toString());
            assertTrue(taken.getMessage().contains("lwt_count") && taken.getMessage().contains(prefix), taken.getMessage());
            assertEquals(fds, openDescriptors(), "no descriptor leaked by the failed attach");

            link.close();
            link.close();
            assertFalse(link.isOpen());
            assertFalse(routes(veth.outer).contains(prefix), "route deleted");
        }
    }

    @Test
    void badInputIsRefusedByName() throws Exception {
        try (CountingProgram program = CountingProgram.load("lwt_count", "lwt_out",
                lwt.define("lwt_out", LoadContext.system()), BPF_OK)) {
            long fds = openDescriptors();
            for (String prefix : List.of("example.org/24", "10.1.2.0/33", "10.1.2.0/x")) {
                AttachException e = assertThrows(AttachException.class,
                        () -> lwt.attach(program.context(), LwtOptions.route(prefix, "lo")));
                assertTrue(e.getMessage().contains(prefix) && e.getMessage().contains("lwt_count"), e.getMessage());
            }
            AttachException noDevice = assertThrows(AttachException.class,
                    () -> lwt.attach(program.context(), LwtOptions.route("10.1.2.0/24", "b4j-no-such-if")));
            assertTrue(noDevice.getMessage().contains("b4j-no-such-if"), noDevice.getMessage());
            assertEquals(fds, openDescriptors(), "no descriptor leaked");
        }
        assertThrows(IllegalArgumentException.class, () -> LwtOptions.route("10.1.2.0/24", "lo").inTable(0));
        UnsupportedOperationException seg6 = assertThrows(UnsupportedOperationException.class, () -> lwt.attach(
                AttachContext.of(0, "seg", "lwt_seg6local", ProgramType.LWT_SEG6LOCAL),
                LwtOptions.route("fd00::/64", "lo")));
        assertTrue(seg6.getMessage().contains("End.BPF"), seg6.getMessage());
    }

    private static String routes(String device) throws IOException, InterruptedException {
        KernelFixtures.Result result = KernelFixtures.run(List.of("ip", "route", "show", "dev", device));
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    /**
     * Sockets and BPF objects this process holds: what a failed attach could leak (its netlink
     * socket). Pipes are left out: those of the {@code ip} child run just before close
     * asynchronously, when the JDK's process reaper gets to them.
     */
    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(LwtRouteAttachTest::target)
                    .filter(t -> t.startsWith("socket:") || t.startsWith("anon_inode:"))
                    .count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile (the listing's own descriptor among them)
        }
    }
}
