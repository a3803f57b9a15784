package io.bpf4j.loader.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code uname(2)} says about the running kernel, read from procfs so no native call is
 * needed: {@code release} ({@code uname -r}, {@code /proc/sys/kernel/osrelease}) and
 * {@code version} ({@code uname -v}, {@code /proc/sys/kernel/version}).
 */
public final class UnameInfo {
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");
    private static final Path VERSION = Path.of("/proc/sys/kernel/version");

    private UnameInfo() {
    }

    /** {@return e.g. {@code 6.1.0-18-amd64}; empty if procfs cannot tell} */
    public static String release() {
        return read(OSRELEASE);
    }

    /** {@return e.g. {@code #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)}; empty if procfs cannot tell} */
    public static String version() {
        return read(VERSION);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
