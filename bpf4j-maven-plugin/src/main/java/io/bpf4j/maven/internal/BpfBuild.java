package io.bpf4j.maven.internal;

import io.bpf4j.headers.BpfHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of the BPF build for one source set (main or test): extract the headers, provide
 * {@code vmlinux.h}, find what is stale, compile it. Maven-free, so the mojos stay thin and
 * this is testable alone.
 */
public final class BpfBuild {

    /**
     * What to build and how.
     *
     * @param sourceDir     the directory of {@code *.bpf.c}
     * @param outputDir     where {@code *.bpf.o} go
     * @param workDir       scratch space ({@code target/bpf4j}): extracted headers, vmlinux.h, stamps
     * @param setName       "main" or "test": names the stamp file, so the two goals do not share it
     * @param clang         the clang command
     * @param extraArgs     extra clang arguments
     * @param arch          the target architecture
     * @param vmlinuxHeader a user-supplied vmlinux.h, or null to dump {@code vmlinuxBtf}
     * @param vmlinuxBtf    the BTF to dump into vmlinux.h
     * @param cacheDir      shared vmlinux.h cache, if any
     * @param threads       parallel compiles
     */
    public record Request(Path sourceDir, Path outputDir, Path workDir, String setName, String clang,
                          List<String> extraArgs, TargetArch arch, Path vmlinuxHeader, Path vmlinuxBtf,
                          Optional<Path> cacheDir, int threads) {
        /** Checks the components. */
        public Request {
            Objects.requireNonNull(sourceDir, "sourceDir");
            Objects.requireNonNull(outputDir, "outputDir");
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(setName, "setName");
            Objects.requireNonNull(clang, "clang");
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(vmlinuxBtf, "vmlinuxBtf");
            Objects.requireNonNull(cacheDir, "cacheDir");
            extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        }
    }

    /**
     * What a run did.
     *
     * @param sources  how many sources the directory holds
     * @param compiled the objects (re)built
     */
    public record Outcome(int sources, List<Path> compiled) {
        /** Copies the list. */
        public Outcome {
            compiled = List.copyOf(compiled);
        }
    }

    private final ExecutableLocator locator;

    /**
     * Creates a build using a tool locator.
     *
     * @param locator finds clang
     */
    public BpfBuild(ExecutableLocator locator) {
        this.locator = locator;
    }

    /**
     * Runs the build.
     *
     * @param request what to build
     * @param info    receives progress lines
     * @param warn    receives compiler warnings
     * @return what was done; zero sources when the directory is absent or empty
     * @throws BpfBuildException when a tool is missing or a compile fails
     * @throws InterruptedException when interrupted
     */
    public Outcome run(Request request, Consumer<String> info, Consumer<String> warn)
            throws BpfBuildException, InterruptedException {
        try {
            List<BpfSource> sources = SourceScanner.sources(request.sourceDir(), request.outputDir());
            if (sources.isEmpty()) {
                info.accept("No BPF sources (*" + BpfSource.SOURCE_SUFFIX + ") in " + request.sourceDir() + ": nothing to compile");
                return new Outcome(0, List.of());
            }
            // Find clang first: a missing compiler should be the one error, before a BTF problem.
            Path clang = locator.clang(request.clang());
            Path include = extractHeaders(request.workDir().resolve("include"));
            Path vmlinuxDir = request.workDir().resolve("vmlinux");
            Path vmlinux = new VmlinuxHeader(request.cacheDir())
                    .provide(request.vmlinuxHeader(), request.vmlinuxBtf(), vmlinuxDir);
            ClangInvocation invocation = new ClangInvocation(clang, request.arch(), include, vmlinuxDir, request.extraArgs());

            List<Path> shared = new ArrayList<>(SourceScanner.headers(List.of(request.sourceDir(), include)));
            shared.add(vmlinux);
            shared.add(updateStamp(request.workDir().resolve("clang-" + request.setName() + ".args"), invocation.fingerprint()));
            List<BpfSource> stale = SourceScanner.stale(sources, shared);
            if (stale.isEmpty()) {
                info.accept("All " + sources.size() + " BPF object(s) in " + request.outputDir() + " are up to date");
                return new Outcome(sources.size(), List.of());
            }
            info.accept("Compiling " + stale.size() + " of " + sources.size() + " BPF source(s) from "
                    + request.sourceDir() + " to " + request.outputDir() + " with " + clang);
            new BpfCompiler(invocation, request.threads()).compile(request.sourceDir(), stale, warn);
            return new Outcome(sources.size(), stale.stream().map(BpfSource::object).toList());
        } catch (IOException e) {
            throw new BpfBuildException("BPF build in " + request.sourceDir() + " failed: " + e, e);
        }
    }

    private static Path extractHeaders(Path dir) throws BpfBuildException {
        try {
            return BpfHeaders.extractTo(dir);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new BpfBuildException("cannot extract bpf4j's BPF headers into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Records the command-line fingerprint; the file's timestamp changes only when the fingerprint does. */
    private static Path updateStamp(Path stamp, String fingerprint) throws IOException {
        byte[] bytes = fingerprint.getBytes(StandardCharsets.UTF_8);
        if (!Files.isRegularFile(stamp) || !java.util.Arrays.equals(Files.readAllBytes(stamp), bytes)) {
            Files.createDirectories(stamp.getParent());
            Files.write(stamp, bytes);
        }
        return stamp;
    }
}
