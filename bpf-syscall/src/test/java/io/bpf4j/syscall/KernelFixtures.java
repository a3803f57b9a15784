package io.bpf4j.syscall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host setup the tests need: bpffs, veth pairs, shell commands. */
final class KernelFixtures {
    static final Path BPFFS = Path.of("/sys/fs/bpf");

    private KernelFixtures() {
    }

    /** Mounts bpffs at /sys/fs/bpf unless it already is (left mounted: others may use it). */
    static synchronized void ensureBpffs() throws IOException, InterruptedException {
        if (isBpffsMounted()) {
            return;
        }
        run("mount", "-t", "bpf", "bpf", BPFFS.toString());
        assertTrue(isBpffsMounted(), "bpffs mounted at " + BPFFS);
    }

    private static boolean isBpffsMounted() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[1].equals(BPFFS.toString()) && f[2].equals("bpf")) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, failing the test on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        // Close the pipes now rather than at GC, so descriptor snapshots do not see them.
        p.getOutputStream().close();
        p.getErrorStream().close();
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    /** {@return the ifindex of network device {@code name}} */
    static int ifindex(String name) throws IOException {
        return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "ifindex")).strip());
    }
}
