package io.bpf4j.maven.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the BPF sources of a directory and decides which need compiling.
 *
 * <p>An object is up to date when it is newer than its source and than every input all sources
 * share: the headers in the source directory (any {@code *.h} below it), the bpf4j headers and
 * {@code vmlinux.h}. A header change thus recompiles every program, which is simple and right
 * for the handful of programs a module has.
 */
public final class SourceScanner {

    private SourceScanner() {
    }

    /**
     * {@return the {@code *.bpf.c} files directly in {@code sourceDir}, sorted by name, each paired
     * with its object in {@code outputDir}; empty when the directory does not exist}
     *
     * @param sourceDir the source directory
     * @param outputDir the object directory
     * @throws IOException when the directory cannot be listed
     */
    public static List<BpfSource> sources(Path sourceDir, Path outputDir) throws IOException {
        if (!Files.isDirectory(sourceDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sourceDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(BpfSource.SOURCE_SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> BpfSource.of(p, outputDir))
                    .collect(Collectors.toList());
        }
    }

    /**
     * {@return every {@code *.h} file below the directories given (those that exist)}
     *
     * @param dirs directories to search recursively
     * @throws IOException when a directory cannot be walked
     */
    public static List<Path> headers(Collection<Path> dirs) throws IOException {
        List<Path> headers = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".h")).filter(Files::isRegularFile)
                        .forEach(headers::add);
            }
        }
        return headers;
    }

    /**
     * {@return the sources whose object is missing or older than the source or than any shared input}
     *
     * @param sources      the candidates
     * @param sharedInputs files every source depends on (headers, vmlinux.h)
     * @throws IOException when a timestamp cannot be read
     */
    public static List<BpfSource> stale(List<BpfSource> sources, Collection<Path> sharedInputs) throws IOException {
        FileTime newestShared = FileTime.fromMillis(0);
        for (Path input : sharedInputs) {
            FileTime t = Files.getLastModifiedTime(input);
            if (t.compareTo(newestShared) > 0) {
                newestShared = t;
            }
        }
        List<BpfSource> stale = new ArrayList<>();
        for (BpfSource s : sources) {
            if (!Files.isRegularFile(s.object())) {
                stale.add(s);
                continue;
            }
            FileTime built = Files.getLastModifiedTime(s.object());
            if (built.compareTo(Files.getLastModifiedTime(s.source())) <= 0 || built.compareTo(newestShared) <= 0) {
                stale.add(s);
            }
        }
        return stale;
    }
}
