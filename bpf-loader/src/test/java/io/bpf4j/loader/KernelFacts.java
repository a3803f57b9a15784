package io.bpf4j.loader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * What the extern tests compare with, read here independently of the loader: the kernel's
 * configuration, its version and /proc/kallsyms.
 */
final class KernelFacts {
    private KernelFacts() {
    }

    /** {@return /proc/config.gz as name to raw value, or empty when the kernel has no such file} */
    static Optional<Map<String, String>> procConfig() {
        Path file = Path.of("/proc/config.gz");
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            Map<String, String> values = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (line.startsWith("CONFIG_") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return Optional.of(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return the kernel's LINUX_VERSION_CODE from uname: Debian kernels carry the upstream
     * version in {@code uname -v} ("Debian 6.1.76-1"), others in the release}
     */
    static int versionCode() {
        String release = read("/proc/sys/kernel/osrelease");
        String version = read("/proc/sys/kernel/version");
        Matcher m = Pattern.compile("Debian (\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            m = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(release);
            if (!m.find()) {
                throw new AssertionError("no version in uname: " + release + " / " + version);
            }
        }
        int patch = Math.min(255, Integer.parseInt(m.group(3)));
        return Integer.parseInt(m.group(1)) * 65536 + Integer.parseInt(m.group(2)) * 256 + patch;
    }

    /** {@return every address /proc/kallsyms gives {@code name}} */
    static java.util.Set<Long> kallsyms(String name) {
        java.util.Set<Long> addresses = new java.util.HashSet<>();
        try (var lines = Files.lines(Path.of("/proc/kallsyms"))) {
            lines.map(l -> l.split("\\s+")).filter(f -> f.length >= 3 && f[2].equals(name))
                    .forEach(f -> addresses.add(Long.parseUnsignedLong(f[0], 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return addresses;
    }

    /** {@return the NUL-terminated string at the start of {@code bytes}} */
    static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
