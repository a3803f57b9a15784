package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real compiles with the clang-19 of the build machine (skipped where it is absent). */
class BpfBuildTest {

    /** The types a tiny program needs, standing in for a dumped vmlinux.h so no kernel BTF is required. */
    private static final String TINY_VMLINUX = String.join("\n",
            "#ifndef __VMLINUX_H__", "#define __VMLINUX_H__",
            "typedef unsigned char __u8; typedef unsigned short __u16; typedef unsigned int __u32;",
            "typedef unsigned long long __u64; typedef signed char __s8; typedef short __s16;",
            "typedef int __s32; typedef long long __s64; typedef __u16 __be16; typedef __u32 __be32;",
            "typedef __u32 __wsum; typedef _Bool bool;",
            "enum { BPF_MAP_TYPE_ARRAY = 2 };",
            "#endif", "");

    private static final String HELLO = String.join("\n",
            "#include \"vmlinux.h\"",
            "#include <bpf/bpf_helpers.h>",
            "#include \"common.h\"",
            "struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } hits SEC(\".maps\");",
            "SEC(\"tp/syscalls/sys_enter_getpid\")",
            "int hello(void *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&hits, &k); if (v) *v += ANSWER; bpf_printk(\"hi\"); return 0; }",
            "char LICENSE[] SEC(\"license\") = \"GPL\";", "");

    @TempDir
    Path dir;
    Path src;
    Path out;
    Path vmlinux;
    final List<String> info = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        src = Files.createDirectories(dir.resolve("src/test/bpf"));
        out = dir.resolve("target/test-classes/bpf");
        vmlinux = dir.resolve("my-vmlinux.h");
        Files.writeString(vmlinux, TINY_VMLINUX);
        Files.writeString(src.resolve("common.h"), "#define ANSWER 42\n");
        Files.writeString(src.resolve("hello.bpf.c"), HELLO);
    }

    private BpfBuild.Request request(String clang, Path vmlinuxHeader, Optional<Path> cache) {
        return new BpfBuild.Request(src, out, dir.resolve("target/bpf4j"), "test", clang, List.of(), TargetArch.X86,
                vmlinuxHeader, Path.of("/sys/kernel/btf/vmlinux"), cache, 2);
    }

    private BpfBuild.Outcome build(BpfBuild.Request request) throws Exception {
        return new BpfBuild(ExecutableLocator.fromEnvironment()).run(request, info::add, warnings::add);
    }

    private static void assumeClang() {
        assumeTrue(ExecutableLocator.fromEnvironment().find("clang-19").isPresent(), "clang-19 is not installed");
    }

    @Test
    void compilesToAnElfBpfObjectAndThenOnlyWhatChanged() throws Exception {
        assumeClang();
        BpfBuild.Outcome first = build(request("clang-19", vmlinux, Optional.empty()));
        Path object = out.resolve("hello.bpf.o");
        assertEquals(List.of(object), first.compiled());
        byte[] header = Arrays.copyOf(Files.readAllBytes(object), 20);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little endian */}, Arrays.copyOf(header, 6));
        assertEquals(247 /* EM_BPF */, (header[18] & 0xff) | (header[19] & 0xff) << 8);
        assertTrue(Files.isRegularFile(dir.resolve("target/bpf4j/include/bpf/bpf_helper_defs.h")));
        assertEquals(TINY_VMLINUX, Files.readString(dir.resolve("target/bpf4j/vmlinux/vmlinux.h")));

        assertEquals(List.of(), build(request("clang-19", vmlinux, Optional.empty())).compiled(),
                "nothing changed: nothing compiled");

        Files.setLastModifiedTime(src.resolve("common.h"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertEquals(List.of(object), build(request("clang-19", vmlinux, Optional.empty())).compiled(),
                "a header of the source directory changed");
    }

    @Test
    void everyBrokenSourceIsReportedWithClangsWordsAndLeavesNoObject() throws Exception {
        assumeClang();
        Files.writeString(src.resolve("broken.bpf.c"), "int f(void) { return undeclared_thing; }\n");
        Files.createDirectories(out);
        Files.writeString(out.resolve("broken.bpf.o"), "stale");
        BpfBuildException e = assertThrows(BpfBuildException.class,
                () -> build(request("clang-19", vmlinux, Optional.empty())));
        assertTrue(e.getMessage().startsWith("clang failed for 1 of 2 BPF source(s):"), e.getMessage());
        assertTrue(e.getMessage().contains(src.resolve("broken.bpf.c").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_thing"), e.getMessage());
        assertFalse(Files.exists(out.resolve("broken.bpf.o")), "no stale object left for tests to load");
        assertTrue(Files.isRegularFile(out.resolve("hello.bpf.o")), "the good source still compiled");
    }

    @Test
    void missingClangIsOneClearError() {
        BpfBuildException e = assertThrows(BpfBuildException.class,
                () -> build(request("bogus-clang-0815", vmlinux, Optional.empty())));
        assertTrue(e.getMessage().startsWith("bogus-clang-0815 not found on PATH: install the Debian package clang-19"),
                e.getMessage());
    }

    @Test
    void directoryWithoutSourcesDoesNothing() throws Exception {
        Files.delete(src.resolve("hello.bpf.c"));
        BpfBuild.Outcome outcome = build(request("bogus-clang-0815", vmlinux, Optional.empty()));
        assertEquals(0, outcome.sources());
        assertFalse(Files.exists(out));
        assertTrue(info.get(0).startsWith("No BPF sources"), info.toString());
    }

    @Test
    void dumpsOurOwnVmlinuxHeaderIntoTheSharedCacheAndCompilesAgainstIt() throws Exception {
        assumeClang();
        assumeTrue(Files.isReadable(VmlinuxHeader.KERNEL_BTF), "no kernel BTF");
        Path cache = dir.resolve("cache");
        build(request("clang-19", null, Optional.of(cache)));
        Path header = dir.resolve("target/bpf4j/vmlinux/vmlinux.h");
        String text = Files.readString(header);
        assertTrue(text.contains("struct task_struct {"));
        assertTrue(text.startsWith("#ifndef __VMLINUX_H__"));
        try (var cached = Files.list(cache)) {
            List<Path> files = cached.toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).getFileName().toString().startsWith("vmlinux-"), files.toString());
            assertEquals(Files.size(header), Files.size(files.get(0)));
        }
        assertTrue(Files.isRegularFile(out.resolve("hello.bpf.o")));
    }
}
