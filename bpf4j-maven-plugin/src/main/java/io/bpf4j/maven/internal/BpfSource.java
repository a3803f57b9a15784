package io.bpf4j.maven.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One BPF C translation unit and the object it compiles to.
 *
 * @param source the {@code <name>.bpf.c} file
 * @param object the {@code <name>.bpf.o} file
 */
public record BpfSource(Path source, Path object) {

    /** The suffix that marks a BPF translation unit in a source directory. */
    public static final String SOURCE_SUFFIX = ".bpf.c";

    /** Checks the components. */
    public BpfSource {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
    }

    /**
     * {@return the unit for a source, with its object in {@code outputDir}}: {@code x.bpf.c} gives
     * {@code x.bpf.o}
     *
     * @param source    the {@code .bpf.c} file
     * @param outputDir where objects go
     */
    public static BpfSource of(Path source, Path outputDir) {
        String file = source.getFileName().toString();
        if (!file.endsWith(SOURCE_SUFFIX)) {
            throw new IllegalArgumentException("not a BPF source (*" + SOURCE_SUFFIX + "): " + source);
        }
        String stem = file.substring(0, file.length() - ".c".length());
        return new BpfSource(source, outputDir.resolve(stem + ".o"));
    }
}
