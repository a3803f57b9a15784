package io.bpf4j.headers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The command-line tools the compile tests drive (clang, llvm-objdump, bpftool). */
final class TestTools {
    private TestTools() {
    }

    /** What a finished command returned and printed (stdout and stderr together). */
    record ProcessResult(int exitCode, String output) {
    }

    /**
     * Finds a tool on PATH, or skips the test saying which Debian package brings it.
     *
     * @param name     the executable
     * @param packages the Debian packages to name in the skip message
     * @return its path
     */
    static Path tool(String name, String packages) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not on PATH (Debian packages " + packages + ")");
        throw new AssertionError("unreachable");
    }

    /** Runs a command to its end. */
    static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ProcessResult(p.waitFor(), out);
    }
}
