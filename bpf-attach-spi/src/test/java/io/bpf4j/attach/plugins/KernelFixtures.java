package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host set-up and oracles shared by the attach tests (root on Linux 6.18, see DESIGN.md). */
final class KernelFixtures {

    private KernelFixtures() {
    }

    /** Mounts tracefs at /sys/kernel/tracing unless tracefs is mounted already. */
    static void ensureTracefs() throws IOException, InterruptedException {
        for (Path mount : Tracefs.MOUNT_POINTS) {
            if (Files.isDirectory(mount.resolve("events"))) {
                return;
            }
        }
        Result result = run(List.of("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing"));
        assertEquals(0, result.exitCode(), "mount -t tracefs failed: " + result.output());
    }

    /** Runs {@code command} to completion. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs {@code /bin/true} {@code times} times, with {@code args}. */
    static void runTrue(int times, String... args) throws IOException, InterruptedException {
        for (int i = 0; i < times; i++) {
            List<String> command = new java.util.ArrayList<>();
            command.add("/bin/true");
            command.addAll(List.of(args));
            assertEquals(0, run(command).exitCode());
        }
    }

    /** {@return whether the kernel knows a bpf_link of that id} ({@code bpftool link show id N} as oracle) */
    static boolean linkExists(int id) throws IOException, InterruptedException {
        return run(List.of("bpftool", "link", "show", "id", Integer.toString(id))).exitCode() == 0;
    }

    record Result(int exitCode, String output) {
    }
}
