package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Symbol to file offset, checked against llvm-readelf's symbol and program header tables. */
class FunctionOffsetsTest {

    static final Path LIBC = BinaryPaths.resolve(Path.of("libc.so.6"));

    @ParameterizedTest
    @ValueSource(strings = {"getpid", "__libc_start_main", "malloc", "setlocale", "clock_gettime"})
    void libcOffsetsMatchReadelf(String function) throws Exception {
        assertEquals(readelfFileOffset(LIBC, function), FunctionOffsets.fileOffset(LIBC, function));
    }

    @Test
    void relativeLibraryNameIsSearchedInLibraryDirectories() {
        assertTrue(LIBC.isAbsolute(), LIBC.toString());
        assertTrue(LIBC.getFileName().toString().equals("libc.so.6"));
        assertTrue(BinaryPaths.LIBRARY_DIRS.contains(LIBC.getParent().toString()), LIBC.toString());
    }

    @Test
    void relativeExecutableIsSearchedInPath() {
        Path resolved = BinaryPaths.resolve(Path.of("true"));
        assertTrue(resolved.isAbsolute() && resolved.getFileName().toString().equals("true"), resolved.toString());
    }

    @Test
    void missingBinaryIsNamed() {
        AttachException e = assertThrows(AttachException.class, () -> BinaryPaths.resolve(Path.of("libnothere.so.9")));
        assertTrue(e.getMessage().contains("libnothere.so.9"), e.getMessage());
        AttachException absolute = assertThrows(AttachException.class, () -> BinaryPaths.resolve(Path.of("/no/such/bin")));
        assertTrue(absolute.getMessage().contains("/no/such/bin"), absolute.getMessage());
    }

    @Test
    void missingFunctionNamesBinaryAndFunction() {
        AttachException e = assertThrows(AttachException.class, () -> FunctionOffsets.fileOffset(LIBC, "no_such_function_xyz"));
        assertTrue(e.getMessage().contains("no_such_function_xyz"), e.getMessage());
        assertTrue(e.getMessage().contains(LIBC.toString()), e.getMessage());
    }

    @Test
    void importedFunctionIsNotADefinition() {
        // /bin/true imports setlocale (undefined in its .dynsym): probing it there is an error.
        Path bin = BinaryPaths.resolve(Path.of("/bin/true"));
        AttachException e = assertThrows(AttachException.class, () -> FunctionOffsets.fileOffset(bin, "setlocale"));
        assertTrue(e.getMessage().contains("setlocale") && e.getMessage().contains("/bin/true"), e.getMessage());
    }

    @Test
    void notAnElfFileIsNamed(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        AttachException e = assertThrows(AttachException.class, () -> FunctionOffsets.fileOffset(text, "main"));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }

    @Test
    void versionedNamesMatchTheirBareName() {
        assertTrue(FunctionOffsets.nameMatches("memcpy@GLIBC_2.2.5", "memcpy"));
        assertTrue(FunctionOffsets.nameMatches("memcpy@@GLIBC_2.14", "memcpy"));
        assertTrue(FunctionOffsets.nameMatches("memcpy", "memcpy"));
        assertTrue(!FunctionOffsets.nameMatches("memcpy_chk", "memcpy"));
        assertTrue(!FunctionOffsets.nameMatches("memcpy@GLIBC_2.2.5", "memcpy@GLIBC_2.14"));
    }

    /** The oracle: symbol value from the dynamic symbol table, minus its PT_LOAD's vaddr plus offset. */
    private static long readelfFileOffset(Path binary, String function) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/llvm-readelf-19")), "llvm-readelf-19 (clang-19's toolchain) is needed");
        KernelFixtures.Result symbols = KernelFixtures.run(List.of("llvm-readelf-19", "-W", "--dyn-syms", binary.toString()));
        Long value = null;
        for (String line : symbols.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[3].equals("FUNC") && !f[6].equals("UND")
                    && (f[7].equals(function) || f[7].startsWith(function + "@"))) {
                value = Long.parseLong(f[1], 16);
            }
        }
        assertTrue(value != null, function + " not in llvm-readelf's output");
        KernelFixtures.Result headers = KernelFixtures.run(List.of("llvm-readelf-19", "-W", "-l", binary.toString()));
        List<long[]> loads = new ArrayList<>();
        for (String line : headers.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[0].equals("LOAD")) {
                loads.add(new long[] {Long.decode(f[1]), Long.decode(f[2]), Long.decode(f[4])});
            }
        }
        for (long[] load : loads) {
            if (value >= load[1] && value < load[1] + load[2]) {
                return value - load[1] + load[0];
            }
        }
        throw new AssertionError("no PT_LOAD holds 0x" + Long.toHexString(value));
    }
}
