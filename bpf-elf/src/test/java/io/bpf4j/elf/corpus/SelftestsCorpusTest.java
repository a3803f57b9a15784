package io.bpf4j.elf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.object.ObjectSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility corpus: every BPF program of the kernel's own selftests
 * ({@code tools/testing/selftests/bpf/progs} of Debian's {@code linux-source-6.12}) that clang-19
 * compiles must open with {@link ObjectSpec}, unless libbpf cannot open it either.
 *
 * <p>The tarball {@code /usr/src/linux-source-6.12.tar.xz} (installed by
 * {@code scripts/setup.sh}) is unpacked once, only the parts needed, into
 * {@code ~/.cache/bpf4j/selftests-6.12} ({@code BPF4J_CACHE} overrides {@code ~/.cache/bpf4j}).
 * Each program is compiled as the selftests Makefile does ({@code -g -O2 --target=bpf
 * -mcpu=v3 -D__TARGET_ARCH_x86 -DENABLE_ATOMICS_TESTS}, its include directories, a
 * {@code vmlinux.h} of the running kernel from bpftool), two at a time; objects and compile
 * failures are cached under a key made of the source's hash and everything else the result
 * depends on, so later runs only open. The oracle for each object bpf4j refuses is a small C
 * program on Debian's libbpf ({@code bpf_object__open_file}), built here with gcc.
 *
 * <p>The counts (compiled, opened, not opened and why) are printed and written to
 * {@code target/selftests-corpus.txt}.
 */
class SelftestsCorpusTest {
    private static final Path TARBALL = Path.of("/usr/src/linux-source-6.12.tar.xz");
    private static final String TOP = "linux-source-6.12/";
    private static final String SELFTESTS = "tools/testing/selftests/bpf";
    private static final List<String> EXTRACTED = List.of(SELFTESTS, "tools/lib/bpf", "tools/include",
            "scripts/bpf_doc.py", "include/uapi/linux/bpf.h");
    private static final String CLANG = "clang-19";
    private static final int THREADS = 2;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyCompiledSelftestOpensUnlessLibbpfCannotOpenItEither() throws Exception {
        assumeTrue(Files.isRegularFile(TARBALL), TARBALL + " is missing: install Debian's linux-source-6.12 "
                + "(scripts/setup.sh does)");
        assumeTrue(Tools.onPath(CLANG) && Tools.onPath("bpftool") && Tools.onPath("gcc")
                && Files.isRegularFile(Path.of("/usr/include/bpf/libbpf.h")),
                "clang-19, bpftool, gcc and libbpf-dev are needed for the selftests corpus");
        Instant start = Instant.now();
        Path cache = cacheRoot().resolve("selftests-6.12");
        Path source = extract(cache);
        Path include = prepareIncludes(cache, source);
        String flagsKey = sha256((String.join(" ", clangFlags(source, include)) + "|" + Files.size(TARBALL) + "|"
                + sha256File(include.resolve("vmlinux.h")) + "|" + sha256File(include.resolve("bpf/bpf_helper_defs.h")))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);

        List<Path> sources;
        try (Stream<Path> s = Files.list(source.resolve(SELFTESTS).resolve("progs"))) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(sources.size() > 500, "expected the selftests' ~800 programs, found " + sources.size());

        Path objects = Files.createDirectories(cache.resolve("objects"));
        List<Compiled> compiled = compileAll(sources, source, include, objects, flagsKey);
        Duration compileTime = Duration.between(start, Instant.now());
        List<Path> built = compiled.stream().filter(c -> c.object != null).map(c -> c.object).toList();
        List<Compiled> notBuilt = compiled.stream().filter(c -> c.object == null).toList();

        Map<Path, String> refused = new TreeMap<>();
        int opened = 0;
        for (Path o : built) {
            try {
                ObjectSpec.open(o);
                opened++;
            } catch (ElfFormatException | UnsupportedOperationException e) {
                refused.put(o, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        Map<Path, String> libbpf = refused.isEmpty() ? Map.of() : libbpfOpen(cache, new ArrayList<>(refused.keySet()));
        List<String> bpf4jOnly = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        report.append(String.format("selftests corpus (linux-source-6.12, %s): %d sources, %d compiled, %d did not "
                + "compile; %d opened, %d not opened; %s (compile %s)%n", CLANG, sources.size(), built.size(),
                notBuilt.size(), opened, refused.size(), Duration.between(start, Instant.now()), compileTime));
        for (Map.Entry<Path, String> e : refused.entrySet()) {
            String oracle = libbpf.getOrDefault(e.getKey(), "no answer");
            report.append("  not opened: ").append(e.getKey().getFileName()).append("\n    bpf4j:  ")
                    .append(e.getValue()).append("\n    libbpf: ").append(oracle).append('\n');
            if (!oracle.startsWith("FAIL")) {
                bpf4jOnly.add(e.getKey().getFileName() + ": " + e.getValue());
            }
        }
        for (Compiled c : notBuilt) {
            report.append("  did not compile: ").append(c.source.getFileName()).append(": ").append(c.error)
                    .append('\n');
        }
        System.out.print(report);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("selftests-corpus.txt"), report);

        assertTrue(built.size() >= sources.size() * 9 / 10, "fewer than 90 % of the selftests compiled: "
                + built.size() + " of " + sources.size() + "; see target/selftests-corpus.txt");
        assertEquals(List.of(), bpf4jOnly, "objects libbpf opens but bpf4j does not");
    }

    /** One program's compile result: an object, or the first error line. */
    private record Compiled(Path source, Path object, String error) {
    }

    private static Path cacheRoot() {
        String env = System.getenv("BPF4J_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "bpf4j");
    }

    /** Unpacks the needed parts of the kernel tree once; a marker names the tarball it came from. */
    private static Path extract(Path cache) throws IOException, InterruptedException {
        Path tree = cache.resolve("src");
        Path marker = cache.resolve("extracted.stamp");
        String identity = TARBALL + " " + Files.size(TARBALL) + " " + Files.getLastModifiedTime(TARBALL).toMillis();
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(identity)) {
            return tree;
        }
        Path scratch = cache.resolve("src.partial");
        Tools.deleteTree(scratch);
        Files.createDirectories(scratch);
        List<String> command = new ArrayList<>(List.of("tar", "-xJf", TARBALL.toString(), "-C", scratch.toString(),
                "--strip-components=1"));
        EXTRACTED.forEach(p -> command.add(TOP + p));
        Tools.run(command, Duration.ofMinutes(5));
        Tools.deleteTree(tree);
        Files.move(scratch, tree, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, identity);
        return tree;
    }

    /**
     * The include directory standing in for the selftests' {@code tools/include}: the kernel's
     * libbpf headers with a generated {@code bpf_helper_defs.h} (scripts/bpf_doc.py, as the
     * kernel build does; libbpf-dev's older copy without python3) and a {@code vmlinux.h}.
     */
    private static Path prepareIncludes(Path cache, Path source) throws IOException, InterruptedException {
        Path include = Files.createDirectories(cache.resolve("include"));
        Path bpf = Files.createDirectories(include.resolve("bpf"));
        try (Stream<Path> s = Files.list(source.resolve("tools/lib/bpf"))) {
            for (Path h : s.filter(p -> p.getFileName().toString().endsWith(".h")).toList()) {
                Files.copy(h, bpf.resolve(h.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path defs = bpf.resolve("bpf_helper_defs.h");
        if (!Files.isRegularFile(defs)) {
            if (Tools.onPath("python3")) {
                String out = Tools.run(List.of("python3", source.resolve("scripts/bpf_doc.py").toString(), "--header",
                        "--file", source.resolve("include/uapi/linux/bpf.h").toString()), Duration.ofMinutes(1));
                Files.writeString(defs, out);
            } else {
                Files.copy(Path.of("/usr/include/bpf/bpf_helper_defs.h"), defs);
            }
        }
        byte[] btf = Files.readAllBytes(Path.of("/sys/kernel/btf/vmlinux"));
        Path vmlinux = include.resolve("vmlinux.h");
        Path vmlinuxKey = include.resolve("vmlinux.key");
        String key = sha256(btf);
        if (!Files.isRegularFile(vmlinux) || !Files.isRegularFile(vmlinuxKey) || !Files.readString(vmlinuxKey).equals(key)) {
            String header = Tools.run(List.of("bpftool", "btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c"),
                    Duration.ofMinutes(2));
            Files.writeString(vmlinux, header);
            Files.writeString(vmlinuxKey, key);
        }
        return include;
    }

    /** The selftests Makefile's BPF_CFLAGS, CLANG_SYS_INCLUDES and test_progs' flags. */
    private static List<String> clangFlags(Path source, Path include) {
        Path selftests = source.resolve(SELFTESTS);
        List<String> flags = new ArrayList<>(List.of("-g", "-Wall", "-Werror", "-D__TARGET_ARCH_x86",
                "-I" + include, "-I" + selftests, "-I" + source.resolve("tools/include/uapi"),
                "-Wno-compare-distinct-pointer-types"));
        for (String dir : List.of("/usr/lib/llvm-19/lib/clang/19/include", "/usr/local/include",
                "/usr/include/x86_64-linux-gnu", "/usr/include")) {
            flags.add("-idirafter");
            flags.add(dir);
        }
        flags.addAll(List.of("-DENABLE_ATOMICS_TESTS", "-O2", "--target=bpf", "-mcpu=v3"));
        return flags;
    }

    private static List<Compiled> compileAll(List<Path> sources, Path source, Path include, Path objects,
            String flagsKey) throws Exception {
        List<String> flags = clangFlags(source, include);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Compiled>> futures = new ArrayList<>();
            for (Path src : sources) {
                futures.add(pool.submit(() -> compile(src, flags, objects, flagsKey)));
            }
            List<Compiled> result = new ArrayList<>();
            for (Future<Compiled> f : futures) {
                result.add(f.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Compiles one program unless the cache has its result (object or error) for the same key. */
    private static Compiled compile(Path src, List<String> flags, Path objects, String flagsKey)
            throws IOException, InterruptedException {
        String base = src.getFileName().toString().replaceAll("\\.c$", "");
        String key = sha256File(src).substring(0, 16) + "-" + flagsKey;
        Path object = objects.resolve(base + "-" + key + ".bpf.o");
        Path error = objects.resolve(base + "-" + key + ".err");
        if (Files.isRegularFile(object)) {
            return new Compiled(src, object, null);
        }
        if (Files.isRegularFile(error)) {
            return new Compiled(src, null, Files.readString(error));
        }
        Path partial = objects.resolve(base + "-" + key + ".partial.o");
        List<String> command = new ArrayList<>();
        command.add(CLANG);
        command.addAll(flags);
        command.addAll(List.of("-c", src.toString(), "-o", partial.toString()));
        Tools.Result r = Tools.runQuietly(command, Duration.ofMinutes(2));
        if (r.exitCode() == 0 && Files.isRegularFile(partial)) {
            Files.move(partial, object, StandardCopyOption.ATOMIC_MOVE);
            return new Compiled(src, object, null);
        }
        Files.deleteIfExists(partial);
        String first = r.output().lines().filter(l -> l.contains("error")).findFirst().orElse("exit " + r.exitCode());
        Files.writeString(error, first);
        return new Compiled(src, null, first);
    }

    /** Runs the libbpf oracle on the objects; its answer per object: "OK" or "FAIL errno message: warnings". */
    private static Map<Path, String> libbpfOpen(Path cache, List<Path> objects) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(cache.resolve("oracle"));
        Path c = dir.resolve("libbpf_open.c");
        try (InputStream in = SelftestsCorpusTest.class.getResourceAsStream("/oracle/libbpf_open.c")) {
            if (in == null) {
                fail("test resource /oracle/libbpf_open.c is missing");
            }
            Files.write(c, in.readAllBytes());
        }
        Path exe = dir.resolve("libbpf_open-" + sha256File(c).substring(0, 12));
        if (!Files.isExecutable(exe)) {
            Tools.run(List.of("gcc", "-O1", "-o", exe.toString(), c.toString(), "-lbpf"), Duration.ofMinutes(1));
        }
        Map<Path, String> answers = new TreeMap<>();
        for (Path o : objects) { // one process per object, so that libbpf's warnings stay with their object
            Tools.Result r = Tools.runQuietly(List.of(exe.toString(), o.toString()), Duration.ofMinutes(1));
            String verdict = r.stdout().lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAIL "))
                    .findFirst().orElse("no answer (exit " + r.exitCode() + ")");
            String warnings = r.stderr().lines().reduce((a, b) -> a + " | " + b).orElse("");
            answers.put(o, verdict.replace(" " + o, "") + (warnings.isEmpty() ? "" : ": " + warnings));
        }
        return answers;
    }

    private static String sha256File(Path p) throws IOException {
        return sha256(Files.readAllBytes(p));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
