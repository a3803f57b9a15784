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

    /**
     * Compiles one BPF C source with clang-19 against the shipped headers and returns
     * llvm-objdump-19's listing of the object.
     *
     * @param include     the extracted headers
     * @param sources     the directory of the source (also an include directory)
     * @param work        where the object goes
     * @param source      the file name in {@code sources}
     * @param extra       further clang arguments
     * @param objdumpMode {@code -d}, or {@code -dr} to list relocations too
     */
    static String compileAndDisassemble(Path include, Path sources, Path work, String source, List<String> extra,
                                        String objdumpMode) throws IOException, InterruptedException {
        Path clang = tool("clang-19", "clang-19");
        Path objdump = tool("llvm-objdump-19", "llvm-19");
        Path object = work.resolve(source.replace(".c", ".o"));
        List<String> cmd = new java.util.ArrayList<>(List.of(clang.toString(), "-target", "bpf", "-g", "-O2",
                "-Wall", "-Werror", "-I" + include, "-I" + sources));
        cmd.addAll(extra);
        cmd.addAll(List.of("-c", sources.resolve(source).toString(), "-o", object.toString()));
        ProcessResult compiled = run(cmd);
        org.junit.jupiter.api.Assertions.assertEquals(0, compiled.exitCode(), compiled.output());
        ProcessResult dis = run(List.of(objdump.toString(), objdumpMode, "--no-show-raw-insn", object.toString()));
        org.junit.jupiter.api.Assertions.assertEquals(0, dis.exitCode(), dis.output());
        return dis.output();
    }

    /** Runs a command to its end. */
    static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ProcessResult(p.waitFor(), out);
    }
}
