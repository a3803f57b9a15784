package io.bpf4j.maven.internal;

import java.util.Locale;

/**
 * The architecture a BPF program is compiled for, which decides the {@code -D__TARGET_ARCH_<name>}
 * define that {@code bpf/bpf_tracing.h} reads to pick the {@code struct pt_regs} layout.
 */
public enum TargetArch {
    /** x86_64: {@code -D__TARGET_ARCH_x86}. */
    X86("x86"),
    /** AArch64: {@code -D__TARGET_ARCH_arm64}. */
    ARM64("arm64");

    private final String defineSuffix;

    TargetArch(String defineSuffix) {
        this.defineSuffix = defineSuffix;
    }

    /** {@return the clang define, e.g. {@code -D__TARGET_ARCH_x86}} */
    public String define() {
        return "-D__TARGET_ARCH_" + defineSuffix;
    }

    /** {@return the name used in the define and accepted by {@link #parse(String)}, e.g. {@code x86}} */
    public String archName() {
        return defineSuffix;
    }

    /**
     * Reads an architecture name: the define's spelling ({@code x86}, {@code arm64}) or the JVM's
     * {@code os.arch} spelling ({@code amd64}, {@code x86_64}, {@code aarch64}).
     *
     * @param name the name
     * @return the architecture
     * @throws BpfBuildException when the name is not a supported architecture
     */
    public static TargetArch parse(String name) throws BpfBuildException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "x86":
            case "x86_64":
            case "amd64":
                return X86;
            case "arm64":
            case "aarch64":
                return ARM64;
            default:
                throw new BpfBuildException("unsupported BPF target architecture '" + name
                        + "': bpf4j's bpf_tracing.h knows x86 (x86_64/amd64) and arm64 (aarch64)");
        }
    }

    /**
     * {@return the architecture of the JVM running the build}
     *
     * @throws BpfBuildException when the host architecture is not supported
     */
    public static TargetArch host() throws BpfBuildException {
        return parse(System.getProperty("os.arch", ""));
    }
}
