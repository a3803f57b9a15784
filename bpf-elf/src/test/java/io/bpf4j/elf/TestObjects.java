package io.bpf4j.elf;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test objects compiled by the bpf4j Maven plugin, and the LLVM/bpftool oracles run on them. */
public final class TestObjects {
    private TestObjects() {
    }

    /** The class-path resource {@code /META-INF/bpf/<name>.bpf.o} as a file. */
    public static Path path(String name) {
        URL url = TestObjects.class.getResource("/META-INF/bpf/" + name + ".bpf.o");
        assertNotNull(url, "test object /META-INF/bpf/" + name + ".bpf.o is missing: did the bpf4j plugin run?");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of {@code /META-INF/bpf/<name>.bpf.o}. */
    public static byte[] bytes(String name) {
        try (InputStream in = TestObjects.class.getResourceAsStream("/META-INF/bpf/" + name + ".bpf.o")) {
            assertNotNull(in, "test object /META-INF/bpf/" + name + ".bpf.o is missing");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a tool (skipping the test where it is not installed) and returns its standard output lines. */
    public static List<String> run(String... command) {
        assumeTrue(onPath(command[0]), command[0] + " is not installed: oracle test skipped");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of(tool));
    }
}
