package io.bpf4j.maven;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the test BPF programs, {@code src/test/bpf/*.bpf.c}, into
 * {@code target/test-classes/META-INF/bpf/<name>.bpf.o}, which tests load as class-path resources
 * {@code /META-INF/bpf/<name>.bpf.o}. Skipped with {@code -Dmaven.test.skip=true}, like test compilation.
 */
@Mojo(name = "test-compile", defaultPhase = LifecyclePhase.PROCESS_TEST_RESOURCES, threadSafe = true)
public class BpfTestCompileMojo extends AbstractBpfCompileMojo {

    /** The directory of the test BPF sources. */
    @Parameter(defaultValue = "${project.basedir}/src/test/bpf")
    File sourceDirectory;

    /**
     * Where the test BPF objects go. Under {@code META-INF} because that is never a Java
     * package: a resource in a package of a named module is encapsulated, and bpf4j's
     * loader (another module) could not read it.
     */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}/META-INF/bpf")
    File outputDirectory;

    /** Set by {@code -Dmaven.test.skip=true}: no tests, so no test programs either. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

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
        return "test";
    }

    @Override
    boolean skippedByGoal() {
        return mavenTestSkip;
    }
}
