package io.bpf4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes the kernel do what a program under test watches: run a command
 * (fork + execve), unlink a file ({@code unlinkat}, reaching {@code vfs_unlink}),
 * open a file ({@code openat}). Each call finishes before it returns.
 */
public final class Triggers {
    private Triggers() {
    }

    /**
     * Runs a command and waits for it (30 s at most).
     *
     * @param command e.g. {@code "/bin/true"}
     * @return its standard output and error
     * @throws IllegalStateException when it cannot start, times out or exits non-zero
     */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Creates a file in {@code dir} and unlinks it, {@code times} times: each
     * unlink goes through {@code unlinkat(2)} and the kernel's {@code vfs_unlink}.
     *
     * @param dir   a writable directory
     * @param times how many files
     */
    public static void unlinkFiles(Path dir, int times) {
        try {
            for (int i = 0; i < times; i++) {
                Path f = Files.createTempFile(dir, "bpf4j-trigger", ".tmp");
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create and unlink files in " + dir, e);
        }
    }

    /**
     * Opens and reads a file ({@code openat(2)}, {@code read(2)}).
     *
     * @param file e.g. {@code /proc/self/stat}
     * @return its content
     */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
