package io.bpf4j.loader.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's build configuration, for {@code CONFIG_*} externs: {@code /proc/config.gz}
 * (the kernel's own copy, {@code CONFIG_IKCONFIG_PROC}) when it exists, else
 * {@code /boot/config-<release>} as distributions install it. libbpf
 * ({@code bpf_object__read_kconfig_file}) tries the {@code /boot} file first; bpf4j prefers the
 * kernel's own copy, which cannot be stale, and reads either file gzip-compressed or plain.
 *
 * @param path where the text was read
 * @param text the configuration, {@code CONFIG_NAME=value} lines
 */
public record KernelConfigFile(Path path, String text) {
    /** {@code /proc/config.gz}. */
    public static final Path PROC_CONFIG = Path.of("/proc/config.gz");

    /** {@return the files looked in, in order, for the running kernel} */
    public static List<Path> candidates() {
        return List.of(PROC_CONFIG, Path.of("/boot", "config-" + UnameInfo.release()));
    }

    /** {@return the first candidate that exists, read; empty if none does} */
    public static Optional<KernelConfigFile> find() {
        for (Path p : candidates()) {
            if (Files.isReadable(p)) {
                return Optional.of(read(p));
            }
        }
        return Optional.empty();
    }

    /**
     * @param path a kernel configuration, gzip-compressed or not
     * @return its text
     * @throws UncheckedIOException when it cannot be read
     */
    public static KernelConfigFile read(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            return new KernelConfigFile(path, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel configuration " + path, e);
        }
    }
}
