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
        return new VmlinuxHeader(Optional.empty());
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
    void malformedBtfIsNamedWithTheWayOut() throws Exception {
        Path bad = dir.resolve("bad.btf");
        Files.write(bad, new byte[] {(byte) 0x9f, (byte) 0xeb, 1, 0, 24, 0, 0, 0});
        BpfBuildException e = assertThrows(BpfBuildException.class, () -> provider().provide(null, bad, dir.resolve("v")));
        assertTrue(e.getMessage().startsWith("cannot make vmlinux.h from " + bad) && e.getMessage().contains("<vmlinuxHeader>"),
                e.getMessage());
    }

    @Test
    void dumpsAndCachesOurOwnHeaderFromBtf() throws Exception {
        // A tiny BTF: int, struct pair { int a; int b; }.
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 16 + 12 + 24 + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] strings = "\0int\0pair\0a\0b\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int typeLen = 16 + 12 + 24;
        b.putShort((short) 0xeb9f).put((byte) 1).put((byte) 0).putInt(24).putInt(0).putInt(typeLen).putInt(typeLen)
                .putInt(strings.length);
        b.putInt(1).putInt(1 << 24).putInt(4).putInt((1 << 24) | 32); // [1] INT 'int' size 4, signed, 32 bits
        b.putInt(5).putInt((4 << 24) | 2).putInt(8); // [2] STRUCT 'pair' size 8, 2 members
        b.putInt(10).putInt(1).putInt(0).putInt(12).putInt(1).putInt(32);
        b.put(strings);
        Path btf = dir.resolve("tiny.btf");
        Files.write(btf, java.util.Arrays.copyOf(b.array(), b.position()));
        Path cache = dir.resolve("cache");
        Path target = new VmlinuxHeader(Optional.of(cache)).provide(null, btf, dir.resolve("v"));
        String header = Files.readString(target);
        assertTrue(header.startsWith("#ifndef __VMLINUX_H__"), header);
        assertTrue(header.contains("struct pair {\n\tint a;\n\tint b;\n};"), header);
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void cacheNameDependsOnTheBtfBytes() {
        String a = VmlinuxHeader.cacheName(Path.of("/tmp/vmlinux-5.10"), new byte[] {1, 2, 3});
        String b = VmlinuxHeader.cacheName(Path.of("/tmp/vmlinux-5.10"), new byte[] {1, 2, 4});
        assertTrue(a.startsWith("vmlinux-vmlinux-5.10-3-") && a.contains("-bpf4j-") && a.endsWith(".h"), a);
        assertNotEquals(a, b);
    }
}
