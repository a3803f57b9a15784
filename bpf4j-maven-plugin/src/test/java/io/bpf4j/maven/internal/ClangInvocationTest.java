package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClangInvocationTest {

    @Test
    void commandHasTheProjectDefaultsThenExtraArgsThenFiles() {
        ClangInvocation clang = new ClangInvocation(Path.of("/usr/bin/clang-19"), TargetArch.X86,
                Path.of("/m/target/bpf4j/include"), Path.of("/m/target/bpf4j/vmlinux"), List.of("-Wall", "-O1"));
        assertEquals(List.of("/usr/bin/clang-19", "-target", "bpf", "-g", "-O2", "-D__TARGET_ARCH_x86",
                        "-I/m/target/bpf4j/include", "-I/m/target/bpf4j/vmlinux", "-I/m/src/test/bpf",
                        "-Wall", "-O1",
                        "-c", "/m/src/test/bpf/hello.bpf.c", "-o", "/m/target/test-classes/bpf/hello.bpf.o"),
                clang.command(Path.of("/m/src/test/bpf"), Path.of("/m/src/test/bpf/hello.bpf.c"),
                        Path.of("/m/target/test-classes/bpf/hello.bpf.o")));
    }

    @Test
    void arm64UsesItsDefine() {
        ClangInvocation clang = new ClangInvocation(Path.of("clang"), TargetArch.ARM64, Path.of("i"), Path.of("v"), null);
        assertEquals("-D__TARGET_ARCH_arm64", clang.command(Path.of("s"), Path.of("a.bpf.c"), Path.of("a.bpf.o")).get(5));
    }

    @Test
    void fingerprintChangesWithOptionsButNotWithFiles() {
        ClangInvocation a = new ClangInvocation(Path.of("clang"), TargetArch.X86, Path.of("i"), Path.of("v"), List.of());
        ClangInvocation b = new ClangInvocation(Path.of("clang"), TargetArch.X86, Path.of("i"), Path.of("v"), List.of("-DX"));
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), new ClangInvocation(Path.of("clang"), TargetArch.X86, Path.of("i"), Path.of("v"),
                List.of()).fingerprint());
    }
}
