package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.CompositeLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.syscall.Bpf;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** perf_event sampling on every CPU and sk_lookup in the test's network namespace, for real. */
class SamplingAndLookupAttachTest {

    @Test
    void cpuClockSamplesOnEveryCpuUntilClosed() throws Exception {
        PerfEventPlugin plugin = new PerfEventPlugin();
        try (CountingProgram program = CountingProgram.load("sample_count", "perf_event",
                plugin.define("perf_event", LoadContext.system()))) {
            Link link = plugin.attach(program.context(), PerfEventOptions.cpuClockFrequency(1000));
            CompositeLink all = assertInstanceOf(CompositeLink.class, link);
            assertEquals(OnlineCpus.read().size(), all.parts().size(), "one event per online CPU");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (program.count() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(program.count() >= 20, "sampled: " + program.count());
            link.close();
            assertFalse(link.isOpen());
            long seen = program.count();
            Thread.sleep(100);
            assertEquals(seen, program.count(), "no samples after close");
        }
    }

    @Test
    void skLookupRunsForLoopbackConnectionsUntilClosed() throws Exception {
        NetnsPlugin plugin = new NetnsPlugin();
        int skPass = 1;
        try (CountingProgram program = CountingProgram.load("lookup_count", "sk_lookup",
                plugin.define("sk_lookup", LoadContext.system()), skPass);
             ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Link link = plugin.attach(program.context(), NetnsOptions.current());
            int linkId = Bpf.system().linkInfo(assertInstanceOf(BpfLink.class, link).fd().fd()).id();
            connect(server);
            long seen = program.count();
            assertTrue(seen > 0, "sk_lookup ran for the connection");
            link.close();
            assertFalse(KernelFixtures.linkExists(linkId));
            connect(server);
            assertEquals(seen, program.count(), "silent after close");
        }
    }

    private static void connect(ServerSocket server) throws Exception {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            assertEquals(1, accepted.getInputStream().read());
        }
    }

    @Test
    void onlineCpuListsParse() {
        assertEquals(java.util.List.of(0, 1, 2, 5, 7, 8), OnlineCpus.parse("0-2,5,7-8\n"));
    }
}
