package io.bpf4j.maven;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the main BPF programs, {@code src/main/bpf/*.bpf.c}, into
 * {@code target/classes/META-INF/bpf/<name>.bpf.o}, where they ship in the jar as class-path resources
 * {@code /META-INF/bpf/<name>.bpf.o}.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class BpfCompileMojo extends AbstractBpfCompileMojo {

    /** The directory of the main BPF sources. */
    @Parameter(defaultValue = "${project.basedir}/src/main/bpf")
    File sourceDirectory;

    /**
     * Where the main BPF objects go. Under {@code META-INF} because that is never a Java
     * package: a resource in a package of a named module is encapsulated, and bpf4j's
     * loader (another module) could not read it.
     */
    @Parameter(defaultValue = "${project.build.outputDirectory}/META-INF/bpf")
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
