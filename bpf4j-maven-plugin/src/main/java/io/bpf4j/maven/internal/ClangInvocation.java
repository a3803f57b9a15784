package io.bpf4j.maven.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How clang is run for every BPF source of one build: the compiler, the target architecture,
 * the include directories and the user's extra arguments.
 *
 * <p>The command is {@code <clang> -target bpf -g -O2 -D__TARGET_ARCH_<arch> -I<bpf4j headers>
 * -I<dir of vmlinux.h> -I<source dir> <extraArgs...> -c <source> -o <object>}: {@code -g} makes
 * clang emit BTF and .BTF.ext (needed by BTF-defined maps, CO-RE and the verifier's line info),
 * {@code -O2} is required because the verifier rejects what clang emits at {@code -O0}. The
 * extra arguments come after the defaults so that they win (a later {@code -O1} overrides).
 *
 * @param clang      the clang executable
 * @param arch       the target architecture for {@code bpf_tracing.h}
 * @param headers    the extracted bpf4j headers (holding {@code bpf/bpf_helpers.h} ...)
 * @param vmlinuxDir the directory holding {@code vmlinux.h}
 * @param extraArgs  additional arguments, placed after the defaults
 */
public record ClangInvocation(Path clang, TargetArch arch, Path headers, Path vmlinuxDir, List<String> extraArgs) {

    /** Checks the components and copies the argument list. */
    public ClangInvocation {
        Objects.requireNonNull(clang, "clang");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(vmlinuxDir, "vmlinuxDir");
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    }

    /**
     * {@return the command line compiling one source}
     *
     * @param sourceDir the source directory, searched for the program's own {@code #include "..."}
     * @param source    the {@code .bpf.c} file
     * @param object    the {@code .bpf.o} to write
     */
    public List<String> command(Path sourceDir, Path source, Path object) {
        List<String> cmd = new ArrayList<>();
        cmd.add(clang.toString());
        cmd.add("-target");
        cmd.add("bpf");
        cmd.add("-g");
        cmd.add("-O2");
        cmd.add(arch.define());
        cmd.add("-I" + headers);
        cmd.add("-I" + vmlinuxDir);
        cmd.add("-I" + sourceDir);
        cmd.addAll(extraArgs);
        cmd.add("-c");
        cmd.add(source.toString());
        cmd.add("-o");
        cmd.add(object.toString());
        return cmd;
    }

    /**
     * {@return a fingerprint of everything in the command except the file names}: when it
     * changes between builds, every object is stale
     */
    public String fingerprint() {
        return String.join("\n", command(Path.of("<src>"), Path.of("<in>"), Path.of("<out>")));
    }
}
