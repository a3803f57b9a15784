package io.bpf4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux kernel version, {@code major.minor.patch}, as {@code uname -r} starts
 * ({@code 6.1.0-18-amd64} is 6.1.0). Ordered by number.
 *
 * @param major e.g. 6
 * @param minor e.g. 1
 * @param patch e.g. 0 (0 when not given)
 */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if one is negative
     */
    public KernelVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("kernel version parts must be >= 0: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * Parses {@code "5.8"}, {@code "6.1.0"} or a release such as {@code "6.1.0-18-amd64"}.
     *
     * @param text the version
     * @return the version
     * @throws IllegalArgumentException if {@code text} does not start with {@code major.minor}
     */
    public static KernelVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a kernel version (expected major.minor[.patch], e.g. 5.8): '"
                    + text + "'");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** {@return the running kernel's version (from {@code /proc/sys/kernel/osrelease})} */
    public static KernelVersion running() {
        return parse(runningRelease());
    }

    /** {@return the running kernel's release string, e.g. {@code 6.1.0-18-amd64}} */
    public static String runningRelease() {
        try {
            return Files.readString(OSRELEASE).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OSRELEASE, e);
        }
    }

    /**
     * @param other the version to compare with
     * @return true if this version is {@code other} or newer
     */
    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
