package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {

    @TempDir
    Path dir;

    private Path file(String name, long millis) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, name);
        Files.setLastModifiedTime(p, FileTime.fromMillis(millis));
        return p;
    }

    @Test
    void findsOnlyBpfSourcesSortedAndMapsObjects() throws IOException {
        file("src/b.bpf.c", 1);
        file("src/a.bpf.c", 1);
        file("src/helper.c", 1);
        file("src/common.h", 1);
        file("src/sub/c.bpf.c", 1);
        List<BpfSource> sources = SourceScanner.sources(dir.resolve("src"), dir.resolve("out"));
        assertEquals(List.of(new BpfSource(dir.resolve("src/a.bpf.c"), dir.resolve("out/a.bpf.o")),
                new BpfSource(dir.resolve("src/b.bpf.c"), dir.resolve("out/b.bpf.o"))), sources);
        assertEquals(List.of(dir.resolve("src/common.h")), SourceScanner.headers(List.of(dir.resolve("src"),
                dir.resolve("absent"))));
    }

    @Test
    void missingDirectoryHasNoSources() throws IOException {
        assertEquals(List.of(), SourceScanner.sources(dir.resolve("none"), dir.resolve("out")));
    }

    @Test
    void objectIsStaleWhenMissingOrOlderThanSourceOrAnySharedInput() throws IOException {
        file("src/fresh.bpf.c", 1_000);
        file("out/fresh.bpf.o", 5_000);
        file("src/edited.bpf.c", 6_000);
        file("out/edited.bpf.o", 5_000);
        file("src/new.bpf.c", 1_000);
        Path header = file("src/common.h", 2_000);
        List<BpfSource> sources = SourceScanner.sources(dir.resolve("src"), dir.resolve("out"));

        List<BpfSource> stale = SourceScanner.stale(sources, List.of(header));
        assertEquals(List.of("edited.bpf.c", "new.bpf.c"),
                stale.stream().map(s -> s.source().getFileName().toString()).toList());

        Files.setLastModifiedTime(header, FileTime.fromMillis(9_000));
        assertEquals(3, SourceScanner.stale(sources, List.of(header)).size(), "a newer header makes all stale");
    }
}
