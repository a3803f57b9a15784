package io.bpf4j.elf.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the external tools of the corpus test (tar, clang, bpftool, gcc, the libbpf oracle) with a time bound. */
final class Tools {
    private Tools() {
    }

    /** What a finished process printed. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command; a non-zero exit or a timeout is an IOException carrying its stderr. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Result r = runQuietly(command, timeout);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    /**
     * Runs a command and returns whatever it did; a timeout kills it and reports exit code -1.
     * Output goes through temporary files, so no reader thread is needed.
     */
    static Result runQuietly(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bpf4j-tool", ".out");
        Path err = Files.createTempFile("bpf4j-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Result(-1, "", String.join(" ", command) + " timed out after " + timeout);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
