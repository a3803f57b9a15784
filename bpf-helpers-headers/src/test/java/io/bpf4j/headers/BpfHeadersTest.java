package io.bpf4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpfHeadersTest {

    @TempDir
    Path dir;

    @Test
    void namesListsEveryShippedHeader() {
        assertEquals(List.of("bpf/bpf_core_read.h", "bpf/bpf_endian.h", "bpf/bpf_helper_defs.h", "bpf/bpf_helpers.h", "bpf/bpf_tracing.h",
                "bpf/usdt.bpf.h"),
                BpfHeaders.names());
    }

    @Test
    void extractWritesEveryHeaderUnderTheIncludeDirectory() throws IOException {
        Path include = BpfHeaders.extractTo(dir.resolve("include"));
        assertEquals(dir.resolve("include"), include);
        for (String name : BpfHeaders.names()) {
            Path header = include.resolve(name);
            assertTrue(Files.size(header) > 0, name);
        }
        String helpers = Files.readString(include.resolve("bpf/bpf_helpers.h"));
        assertTrue(helpers.contains("#include \"bpf_helper_defs.h\""));
        String defs = Files.readString(include.resolve("bpf/bpf_helper_defs.h"));
        assertTrue(defs.contains("(* const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;"));
        try (var leftovers = Files.list(include.resolve("bpf"))) {
            assertEquals(BpfHeaders.names().size(), leftovers.count(), "no temporary file left behind");
        }
    }

    @Test
    void extractingAgainKeepsUnchangedFilesAndRepairsEditedOnes() throws IOException {
        Path include = BpfHeaders.extractTo(dir);
        Path endian = include.resolve("bpf/bpf_endian.h");
        Path helpers = include.resolve("bpf/bpf_helpers.h");
        String original = Files.readString(helpers);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(endian, old);
        Files.writeString(helpers, "garbage");

        BpfHeaders.extractTo(dir);

        assertEquals(old, Files.getLastModifiedTime(endian), "an identical header is not rewritten");
        assertEquals(original, Files.readString(helpers), "an edited header is restored");
    }
}
