package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableLocatorTest {

    @TempDir
    Path dir;

    private Path executable(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void missingClangNamesTheDebianPackage() {
        ExecutableLocator locator = new ExecutableLocator(dir.toString());
        BpfBuildException e = assertThrows(BpfBuildException.class, () -> locator.clang("no-such-clang-4711"));
        assertEquals("no-such-clang-4711 not found on PATH: install the Debian package clang-19"
                + " (apt-get install clang-19), or point the plugin's <clang> parameter (property bpf4j.clang)"
                + " at a clang with the BPF target", e.getMessage());
    }

    @Test
    void defaultClangFallsBackToPlainClang() throws Exception {
        Path clang = executable("clang");
        assertEquals(clang, new ExecutableLocator(dir.toString()).clang(ExecutableLocator.DEFAULT_CLANG));
    }

    @Test
    void defaultClangIsPreferredAndSearchFollowsPathOrder() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.writeString(second.resolve("clang-19"), "");
        Files.setPosixFilePermissions(second.resolve("clang-19"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(first.resolve("clang-19"), ""); // not executable: skipped
        executable("clang");
        ExecutableLocator locator = new ExecutableLocator(first + File.pathSeparator + second + File.pathSeparator + dir);
        assertEquals(second.resolve("clang-19"), locator.clang("clang-19"));
    }

    @Test
    void chosenClangDoesNotFallBack() throws Exception {
        executable("clang");
        ExecutableLocator locator = new ExecutableLocator(dir.toString());
        assertThrows(BpfBuildException.class, () -> locator.clang("clang-17"));
    }

    @Test
    void pathsAreTakenAsIs() throws Exception {
        Path tool = executable("mytool");
        ExecutableLocator locator = new ExecutableLocator("");
        assertEquals(tool, locator.clang(tool.toString()));
        assertTrue(locator.find(dir.resolve("absent").toString()).isEmpty());
    }
}
