package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures name what failed and leave the process holding exactly the fds it held before. */
class LoadFailureTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LoadFailureTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void verifierRejectionCarriesTheLogAndLeaksNothing() {
        Map<Integer, String> before = OpenFds.snapshot();
        try (BpfObject obj = BpfObject.openResource(LoadFailureTest.class, "/META-INF/bpf/verifier_reject.bpf.o")) {
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertEquals("EACCES", e.errnoName());
            assertTrue(e.getMessage().contains("reads_without_null_check"), e.getMessage());
            String log = e.log().orElseThrow();
            assertTrue(log.contains("invalid mem access"), log);
            // The offending instruction, as the verifier prints it, and its source line (line_info).
            assertTrue(log.lines().anyMatch(l -> l.matches("\\d+: \\(79\\) r0 = \\*\\(u64 \\*\\)\\(r0 \\+0\\)")), log);
            assertTrue(log.contains("verifier_reject.bpf.c:21"), "line_info reached the kernel: " + log);
            assertTrue(e.getMessage().contains("invalid mem access"), "the message ends with the log's point");
            assertFalse(obj.isLoaded());
            assertFalse(obj.map("values").isLoaded(), "the map created before the failure is closed");
            assertThrows(IllegalStateException.class, obj::load, "a failed object is not loaded again");
        }
        assertEquals(before, OpenFds.snapshot());
    }

    @Test
    void corruptElfNamesFileAndOffset(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] bytes = resource("/META-INF/bpf/globals.bpf.o");
        // e_shoff (ELF64 header offset 0x28) pointed past the end of the file.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, bytes.length + 4096L);
        Path file = dir.resolve("corrupt.bpf.o");
        Files.write(file, bytes);
        Map<Integer, String> before = OpenFds.snapshot();
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> BpfObject.open(file));
        assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().contains("corrupt.bpf.o"),
                e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*(offset|0x)[^a-z]*[0-9a-fA-F]+.*"), e.getMessage());
        assertEquals(before, OpenFds.snapshot());

        byte[] truncated = java.util.Arrays.copyOf(resource("/META-INF/bpf/globals.bpf.o"), 40);
        ElfFormatException t = assertThrows(ElfFormatException.class, () -> BpfObject.open(truncated, "short.bpf.o"));
        assertTrue(t.getMessage().contains("short.bpf.o"), t.getMessage());
    }

    @Test
    void unknownSectionNeedsATypeThenLoads() {
        Map<Integer, String> before = OpenFds.snapshot();
        try (BpfObject obj = BpfObject.openResource(LoadFailureTest.class, "/META-INF/bpf/unknown_section.bpf.o")) {
            BpfProgram p = obj.program("returns_two");
            assertEquals(null, p.type());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, obj::load);
            assertTrue(e.getMessage().contains("returns_two") && e.getMessage().contains("bpf4j_unknown/section"),
                    e.getMessage());
        }
        try (BpfObject obj = BpfObject.openResource(LoadFailureTest.class, "/META-INF/bpf/unknown_section.bpf.o")) {
            obj.program("returns_two").setType(ProgramType.RAW_TRACEPOINT);
            obj.load();
            assertEquals(2, obj.program("returns_two").testRun(null, new byte[8]).retval());
            assertThrows(UnsupportedOperationException.class, () -> obj.program("returns_two").attach());
        }
        assertEquals(before, OpenFds.snapshot());
    }

    @Test
    void changesAfterLoadAreRefused() {
        try (BpfObject obj = BpfObject.openResource(LoadFailureTest.class, "/META-INF/bpf/globals.bpf.o")) {
            obj.load();
            assertThrows(IllegalStateException.class, () -> obj.program("count").setType(ProgramType.XDP));
            assertThrows(IllegalStateException.class, () -> obj.map(".bss").setMaxEntries(2));
            assertThrows(IllegalStateException.class, obj::load);
        }
    }
}
