package io.bpf4j.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetArchTest {

    @Test
    void acceptsDefineAndJvmSpellings() throws BpfBuildException {
        assertEquals(TargetArch.X86, TargetArch.parse("amd64"));
        assertEquals(TargetArch.X86, TargetArch.parse("x86_64"));
        assertEquals(TargetArch.X86, TargetArch.parse("x86"));
        assertEquals(TargetArch.ARM64, TargetArch.parse("aarch64"));
        assertEquals(TargetArch.ARM64, TargetArch.parse("ARM64"));
        assertEquals("-D__TARGET_ARCH_arm64", TargetArch.ARM64.define());
    }

    @Test
    void unknownArchitectureIsNamed() {
        BpfBuildException e = assertThrows(BpfBuildException.class, () -> TargetArch.parse("riscv64"));
        assertTrue(e.getMessage().contains("'riscv64'"), e.getMessage());
    }
}
