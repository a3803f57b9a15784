package io.bpf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The booted kernel's own files, for a test running inside a VM: the guest runs on the host's
 * root, so its {@code /lib/modules} and {@code /boot} are the host's; the guest kernel's modules
 * and configuration are in the kernel cache the testkit unpacked it into. Behind
 * {@link io.bpf4j.testkit.GuestKernel}.
 */
public final class GuestKernelFiles {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private GuestKernelFiles() {
    }

    /** {@return the VM's kernel label, or empty on the host} */
    public static Optional<String> label() {
        return Optional.ofNullable(System.getProperty(GuestRun.GUEST_PROPERTY));
    }

    /** {@return the kernel's configuration: /proc/config.gz, else the cached kernel's /boot/config-*} */
    public static Optional<String> config() throws IOException {
        Path proc = Path.of("/proc/config.gz");
        if (Files.isReadable(proc)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(proc))) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Optional<KernelImage> image = image();
        if (image.isEmpty()) {
            return Optional.empty();
        }
        // Debian's packages put the configuration beside the image: /boot/config-<release>.
        Path config = image.get().vmlinuz().resolveSibling("config-" + image.get().release());
        if (Files.isReadable(config)) {
            return Optional.of(Files.readString(config, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /**
     * Inserts modules and what they depend on, in order, unless loaded already.
     *
     * @param names module names
     * @return the modules of {@code names} loaded now or before; empty on the host
     */
    public static List<String> loadModules(List<String> names) throws IOException, InterruptedException {
        List<String> loaded = new ArrayList<>();
        Optional<KernelImage> image = image();
        if (image.isEmpty() || !Files.isExecutable(BUSYBOX)) {
            return loaded;
        }
        for (Map.Entry<String, byte[]> module : GuestModules.inLoadOrder(image.get().modulesDir(), names).entrySet()) {
            String name = module.getKey().substring(0, module.getKey().length() - ".ko".length());
            if (isLoaded(name)) {
                continue;
            }
            Path ko = Files.createTempFile(name, ".ko");
            try {
                Files.write(ko, module.getValue());
                Process p = new ProcessBuilder(BUSYBOX.toString(), "insmod", ko.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor();
            } finally {
                Files.deleteIfExists(ko);
            }
        }
        for (String name : names) {
            if (isLoaded(name)) {
                loaded.add(name);
            }
        }
        return loaded;
    }

    /** {@return whether the module is loaded or built in (it has a /sys/module entry either way)} */
    public static boolean isLoaded(String name) {
        return Files.isDirectory(Path.of("/sys/module", name.replace('-', '_')));
    }

    private static Optional<KernelImage> image() throws IOException {
        Optional<String> label = label();
        return label.isEmpty() ? Optional.empty() : KernelImages.cached(label.get());
    }
}
