package io.bpf4j.maven;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the main BPF programs, {@code src/main/bpf/*.bpf.c}, into
 * {@code target/classes/bpf/<name>.bpf.o}, where they ship in the jar as class-path resources
 * {@code /bpf/<name>.bpf.o}.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class BpfCompileMojo extends AbstractBpfCompileMojo {

    /** The directory of the main BPF sources. */
    @Parameter(defaultValue = "${project.basedir}/src/main/bpf")
    File sourceDirectory;

    /** Where the main BPF objects go. */
    @Parameter(defaultValue = "${project.build.outputDirectory}/bpf")
    File outputDirectory;

    @Override
    File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    String setName() {
        return "main";
    }
}
