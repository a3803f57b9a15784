package io.bpf4j.maven;

import io.bpf4j.maven.internal.BpfBuild;
import io.bpf4j.maven.internal.BpfBuildException;
import io.bpf4j.maven.internal.ExecutableLocator;
import io.bpf4j.maven.internal.TargetArch;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters and the run shared by the {@code compile} and {@code test-compile} goals; each
 * goal only says where its sources and objects are.
 */
public abstract class AbstractBpfCompileMojo extends AbstractMojo {

    /**
     * The clang to run: a command on {@code PATH} or a path. The default {@code clang-19} falls back
     * to {@code clang} when only that is installed.
     */
    @Parameter(property = "bpf4j.clang", defaultValue = ExecutableLocator.DEFAULT_CLANG)
    String clang;

    /** Extra clang arguments, placed after the defaults (so {@code -O1} or {@code -mcpu=v3} win). */
    @Parameter
    List<String> extraArgs;

    /** Skips the goal. */
    @Parameter(property = "bpf4j.skip", defaultValue = "false")
    boolean skip;

    /**
     * The BTF dumped into {@code vmlinux.h} by bpf-btf's C dumper ({@code io.bpf4j.btf.CDumper}).
     */
    @Parameter(property = "bpf4j.vmlinuxBtf", defaultValue = "/sys/kernel/btf/vmlinux")
    File vmlinuxBtf;

    /**
     * A {@code vmlinux.h} of your own (bpftool's, another kernel's) to use instead of dumping
     * {@link #vmlinuxBtf}.
     */
    @Parameter(property = "bpf4j.vmlinuxHeader")
    File vmlinuxHeader;

    /**
     * Where dumped {@code vmlinux.h} files are cached across modules and builds, keyed by the
     * kernel release and BTF digest; empty to dump into each module.
     */
    @Parameter(property = "bpf4j.cacheDirectory", defaultValue = "${user.home}/.cache/bpf4j")
    File cacheDirectory;

    /**
     * The architecture for {@code bpf_tracing.h}'s register macros ({@code x86} or {@code arm64});
     * defaults to the build machine's.
     */
    @Parameter(property = "bpf4j.targetArch")
    String targetArch;

    /** How many clang processes run at once; defaults to the number of processors. */
    @Parameter(property = "bpf4j.threads")
    Integer threads;

    /** The plugin's scratch space: extracted headers, vmlinux.h, command-line stamps. */
    @Parameter(defaultValue = "${project.build.directory}/bpf4j", readonly = true)
    File workDirectory;

    /** {@return the directory of {@code *.bpf.c} for this goal} */
    abstract File sourceDirectory();

    /** {@return the directory receiving {@code *.bpf.o} for this goal} */
    abstract File outputDirectory();

    /** {@return "main" or "test"} */
    abstract String setName();

    /** {@return whether a goal-specific switch (such as {@code maven.test.skip}) skips this run} */
    boolean skippedByGoal() {
        return false;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skippedByGoal()) {
            getLog().info("BPF compilation skipped");
            return;
        }
        try {
            TargetArch arch = targetArch == null || targetArch.isBlank() ? TargetArch.host() : TargetArch.parse(targetArch);
            int parallel = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            Optional<Path> cache = cacheDirectory == null || cacheDirectory.getPath().isEmpty()
                    ? Optional.empty() : Optional.of(cacheDirectory.toPath());
            BpfBuild.Request request = new BpfBuild.Request(sourceDirectory().toPath(), outputDirectory().toPath(),
                    workDirectory.toPath(), setName(), clang, extraArgs, arch,
                    vmlinuxHeader == null ? null : vmlinuxHeader.toPath(), vmlinuxBtf.toPath(), cache, parallel);
            BpfBuild.Outcome outcome = new BpfBuild(ExecutableLocator.fromEnvironment())
                    .run(request, getLog()::info, getLog()::warn);
            if (!outcome.compiled().isEmpty()) {
                getLog().info("Compiled " + outcome.compiled().size() + " BPF object(s)");
            }
        } catch (BpfBuildException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("BPF compilation interrupted", e);
        }
    }
}
