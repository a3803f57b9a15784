package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cgroup v2 directory of its own ({@code /sys/fs/cgroup/unified/bpf4j-<tag>-<pid>}), in which
 * {@link #runInside} starts a shell, so programs attached to it see only the test's traffic.
 * Removed on close.
 */
final class TestCgroup implements AutoCloseable {

    static final Path ROOT = Path.of("/sys/fs/cgroup/unified");

    final Path path;

    TestCgroup(String tag) throws IOException {
        path = ROOT.resolve("bpf4j-" + tag + "-" + ProcessHandle.current().pid());
        Files.createDirectories(path);
    }

    /** Runs {@code script} in a bash that first moves itself into this cgroup. */
    void runInside(String script) throws IOException, InterruptedException {
        KernelFixtures.Result result = KernelFixtures.run(List.of("bash", "-c",
                "echo $$ > " + path.resolve("cgroup.procs") + " && " + script));
        assertEquals(0, result.exitCode(), script + ": " + result.output());
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
