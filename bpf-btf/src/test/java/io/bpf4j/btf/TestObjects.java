package io.bpf4j.btf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the test BPF programs of src/test/bpf with clang (property {@code bpf4j.clang},
 * default clang-19) into target/test-bpf, once per JVM, and runs the oracle tools.
 */
final class TestObjects {
    static final Path SOURCES = Path.of("src/test/bpf");
    private static final Path OUT = Path.of("target/test-bpf");

    private TestObjects() {
    }

    static synchronized Path compile(String name) throws IOException, InterruptedException {
        Path source = SOURCES.resolve(name + ".bpf.c");
        Path object = OUT.resolve(name + ".bpf.o");
        if (Files.exists(object) && Files.getLastModifiedTime(object).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return object;
        }
        Files.createDirectories(OUT);
        String clang = System.getProperty("bpf4j.clang", "clang-19");
        run(List.of(clang, "-target", "bpf", "-g", "-O2", "-c", source.toString(), "-o", object.toString()));
        return object;
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bpf-btf-test", ".out");
        Path err = Files.createTempFile("bpf-btf-test", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " exited with " + p.exitValue() + ": " + Files.readString(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n")));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
