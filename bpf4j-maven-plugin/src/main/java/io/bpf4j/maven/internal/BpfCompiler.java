package io.bpf4j.maven.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Compiles BPF sources with clang, several at a time.
 *
 * <p>Every source is attempted even after one fails, so a build reports all broken programs at
 * once; the failure message then holds clang's diagnostics for each, naming the file. A failed
 * compile leaves no object behind (a stale or partial one would be loaded by tests as if fine).
 */
public final class BpfCompiler {

    private final ClangInvocation clang;
    private final int threads;

    /**
     * Creates a compiler.
     *
     * @param clang   how clang is run
     * @param threads how many compiles may run at once (at least 1)
     */
    public BpfCompiler(ClangInvocation clang, int threads) {
        this.clang = clang;
        this.threads = Math.max(1, threads);
    }

    /**
     * Compiles the sources.
     *
     * @param sourceDir the directory of the sources (also an include directory)
     * @param sources   what to compile
     * @param warnings  receives clang's output for sources that compiled with warnings, prefixed with the file
     * @throws BpfBuildException when clang fails for at least one source, or cannot be started
     * @throws InterruptedException when the build is interrupted
     */
    public void compile(Path sourceDir, List<BpfSource> sources, Consumer<String> warnings)
            throws BpfBuildException, InterruptedException {
        if (sources.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, sources.size()), r -> {
            Thread t = new Thread(r, "bpf4j-clang");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (BpfSource s : sources) {
                results.add(pool.submit(() -> compileOne(sourceDir, s, warnings)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : results) {
                try {
                    String failure = f.get();
                    if (failure != null) {
                        failures.add(failure);
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new BpfBuildException("cannot run " + clang.clang() + ": " + cause.getMessage(), cause);
                }
            }
            if (!failures.isEmpty()) {
                throw new BpfBuildException("clang failed for " + failures.size() + " of " + sources.size()
                        + " BPF source(s):\n" + String.join("\n", failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@return null on success, else the failure text naming the file} */
    private String compileOne(Path sourceDir, BpfSource s, Consumer<String> warnings)
            throws IOException, InterruptedException {
        Files.createDirectories(s.object().getParent());
        List<String> command = clang.command(sourceDir, s.source(), s.object());
        ProcessRunner.Result result = ProcessRunner.run(command);
        if (result.succeeded()) {
            if (!result.output().isBlank()) {
                warnings.accept(s.source() + ":\n" + result.output().stripTrailing());
            }
            return null;
        }
        Files.deleteIfExists(s.object());
        return s.source() + " (exit " + result.exitCode() + "):\n" + result.output().stripTrailing()
                + "\n  command: " + String.join(" ", command);
    }
}
