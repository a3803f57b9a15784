package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.BpfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host set-up for the end-to-end tests: commands, a veth pair in a namespace, a cgroup, counters. */
final class Fixtures {

    static final String OBJECT = "/META-INF/bpf/attach_everywhere.bpf.o";

    private Fixtures() {
    }

    /** {@return the object of the tests, opened, with only {@code programs} loaded} */
    static BpfObject open(String... programs) {
        BpfObject obj = BpfObject.openResource(Fixtures.class, OBJECT);
        List<String> wanted = List.of(programs);
        obj.programs().forEach(p -> p.setAutoLoad(wanted.contains(p.name())));
        return obj;
    }

    /**
     * Loads only {@code programs} of {@code obj}, aimed at this process (its {@code target_tgid});
     * EPERM at load, as from this host's trampolines, skips the test with the reason.
     */
    static void loadForThisProcess(BpfObject obj, String... programs) {
        List<String> wanted = List.of(programs);
        obj.programs().forEach(p -> p.setAutoLoad(wanted.contains(p.name())));
        obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
        try {
            obj.load();
        } catch (BpfException e) {
            assumeFalse(e.errnoName().equals("EPERM"), "this kernel refuses the programs " + wanted + ": "
                    + e.getMessage());
            throw e;
        }
    }

    /** {@return the count in slot {@code slot} of the object's {@code hits} map} */
    static long hits(BpfObject obj, int slot) {
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(slot).array();
        byte[] value = obj.map("hits").lookup(key).orElseThrow();
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong();
    }

    /**
     * The counter once traffic has settled: packets sent a moment ago (and the ARP or
     * neighbour discovery they cause) may still be in flight, and counting them after this
     * read would look like a detached program still running.
     */
    static long settledHits(BpfObject obj, int slot) throws InterruptedException {
        long previous = hits(obj, slot);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            long now = hits(obj, slot);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** Runs a command; {@return its exit code and output} */
    static String run(boolean mustSucceed, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        if (mustSucceed) {
            assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        }
        return output;
    }

    /** {@return whether bpftool knows a link of that id} */
    static boolean linkExists(int id) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bpftool", "link", "show", "id", Integer.toString(id))
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    /** A veth pair; its peer, 10.99.x.2, lives in a namespace of its own. Removed on close. */
    static final class Veth implements AutoCloseable {
        final String outer;
        final String namespace;
        private final String outerAddress;

        Veth(String tag) throws IOException, InterruptedException {
            long pid = ProcessHandle.current().pid();
            namespace = "b4jit" + tag + pid;
            outer = "b4jit" + tag + (pid % 10_000);
            String peer = outer + "p";
            int subnet = (int) (pid % 100) + (tag.equals("x") ? 100 : 0);
            outerAddress = "10.98." + subnet + ".1";
            try {
                run(true, "ip", "netns", "add", namespace);
                run(true, "ip", "link", "add", outer, "type", "veth", "peer", "name", peer);
                run(true, "ip", "link", "set", peer, "netns", namespace);
                run(true, "ip", "addr", "add", outerAddress + "/24", "dev", outer);
                run(true, "ip", "link", "set", outer, "up");
                run(true, "ip", "netns", "exec", namespace, "ip", "addr", "add", "10.98." + subnet + ".2/24", "dev", peer);
                run(true, "ip", "netns", "exec", namespace, "ip", "link", "set", peer, "up");
            } catch (IOException | InterruptedException | AssertionError e) {
                close();
                throw e;
            }
        }

        /** Sends one UDP datagram from the peer to the outer end. */
        void send() throws IOException, InterruptedException {
            run(true, "ip", "netns", "exec", namespace, "bash", "-c", "echo bpf4j > /dev/udp/" + outerAddress + "/9");
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run(false, "ip", "link", "del", outer);
            run(false, "ip", "netns", "del", namespace);
        }
    }

    /** A cgroup v2 directory of the test's own. Removed on close. */
    static final class Cgroup implements AutoCloseable {
        final Path path = Path.of("/sys/fs/cgroup/unified", "bpf4j-it-" + ProcessHandle.current().pid());

        Cgroup() throws IOException {
            Files.createDirectories(path);
        }

        /** Runs {@code script} in a shell moved into this cgroup. */
        void runInside(String script) throws IOException, InterruptedException {
            run(true, "bash", "-c", "echo $$ > " + path.resolve("cgroup.procs") + " && " + script);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }
}
