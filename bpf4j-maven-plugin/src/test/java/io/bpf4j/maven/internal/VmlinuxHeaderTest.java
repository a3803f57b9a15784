package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmlinuxHeaderTest {

    @TempDir
    Path dir;

    private VmlinuxHeader provider() {
        return new VmlinuxHeader(new ExecutableLocator(""), "bpftool", Optional.empty());
    }

    @Test
    void userHeaderIsCopiedAndAnUnchangedCopyKeepsItsTimestamp() throws Exception {
        Path mine = dir.resolve("mine.h");
        Files.writeString(mine, "struct x { int a; };\n");
        Path target = provider().provide(mine, Path.of("/nonexistent"), dir.resolve("v"));
        assertEquals(dir.resolve("v/vmlinux.h"), target);
        assertEquals("struct x { int a; };\n", Files.readString(target));

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);
        provider().provide(mine, Path.of("/nonexistent"), dir.resolve("v"));
        assertEquals(old, Files.getLastModifiedTime(target));

        Files.writeString(mine, "struct x { int b; };\n");
        provider().provide(mine, Path.of("/nonexistent"), dir.resolve("v"));
        assertEquals("struct x { int b; };\n", Files.readString(target));
        assertNotEquals(old, Files.getLastModifiedTime(target));
    }

    @Test
    void missingUserHeaderAndMissingBtfAreNamed() {
        BpfBuildException e1 = assertThrows(BpfBuildException.class,
                () -> provider().provide(dir.resolve("none.h"), Path.of("/x"), dir.resolve("v")));
        assertTrue(e1.getMessage().contains(dir.resolve("none.h").toString()), e1.getMessage());
        BpfBuildException e2 = assertThrows(BpfBuildException.class,
                () -> provider().provide(null, dir.resolve("no-btf"), dir.resolve("v")));
        assertTrue(e2.getMessage().startsWith("no BTF at " + dir.resolve("no-btf")), e2.getMessage());
    }

    @Test
    void cacheNameDependsOnTheBtfBytes() {
        String a = VmlinuxHeader.cacheName(Path.of("/tmp/vmlinux-5.10"), new byte[] {1, 2, 3});
        String b = VmlinuxHeader.cacheName(Path.of("/tmp/vmlinux-5.10"), new byte[] {1, 2, 4});
        assertTrue(a.startsWith("vmlinux-vmlinux-5.10-3-") && a.endsWith(".h"), a);
        assertNotEquals(a, b);
    }
}
