package io.bpf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds the kernel modules the guest needs for the 9p share (virtio PCI
 * transport, 9pnet, 9pnet_virtio, 9p and what they depend on), in load
 * order, decompressed: busybox {@code insmod} takes plain {@code .ko} files.
 * Dependencies are read from each module's {@code .modinfo}
 * ({@code depends=a,b}), so no {@code modules.dep} (which Debian's packages
 * leave to {@code depmod} at install time) is needed. A module that is not
 * found as a file is taken to be built in.
 */
final class GuestModules {
    /** What the guest loads, in this order (dependencies first). */
    static final List<String> WANTED = List.of("virtio_pci", "9pnet_virtio", "9p");
    private static final byte[] DEPENDS = "\0depends=".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Path> files = new HashMap<>();

    private GuestModules(Path modulesDir) throws IOException {
        try (Stream<Path> walk = Files.walk(modulesDir.resolve("kernel"))) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String n = f.getFileName().toString();
                int ko = n.indexOf(".ko");
                if (ko > 0) {
                    files.put(normalize(n.substring(0, ko)), f);
                }
            });
        }
    }

    /**
     * @param modulesDir the kernel's {@code lib/modules/<release>}
     * @return module file name to its decompressed bytes, in load order
     * @throws IOException when a module cannot be read or decompressed
     */
    static Map<String, byte[]> forNinePee(Path modulesDir) throws IOException {
        return inLoadOrder(modulesDir, WANTED);
    }

    /**
     * @param modulesDir the kernel's {@code lib/modules/<release>}
     * @param wanted module names ({@code -} and {@code _} alike)
     * @return module file name to its decompressed bytes, dependencies first; built-in modules
     *     (no file) are left out
     * @throws IOException when a module cannot be read or decompressed
     */
    static Map<String, byte[]> inLoadOrder(Path modulesDir, List<String> wanted) throws IOException {
        GuestModules m = new GuestModules(modulesDir);
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : wanted) {
            m.add(normalize(name), ordered, new ArrayList<>());
        }
        return ordered;
    }

    private void add(String name, Map<String, byte[]> ordered, List<String> path) throws IOException {
        if (ordered.containsKey(name + ".ko") || path.contains(name)) {
            return;
        }
        Path file = files.get(name);
        if (file == null) {
            return;   // built in (or absent: then mounting the share fails and says so)
        }
        byte[] ko = decompress(file);
        path.add(name);
        for (String dep : depends(ko)) {
            add(normalize(dep), ordered, path);
        }
        path.remove(name);
        ordered.put(name + ".ko", ko);
    }

    static List<String> depends(byte[] ko) {
        outer:
        for (int i = 0; i + DEPENDS.length <= ko.length; i++) {
            for (int j = 0; j < DEPENDS.length; j++) {
                if (ko[i + j] != DEPENDS[j]) {
                    continue outer;
                }
            }
            int start = i + DEPENDS.length;
            int end = start;
            while (end < ko.length && ko[end] != 0) {
                end++;
            }
            String list = new String(ko, start, end - start, StandardCharsets.US_ASCII);
            List<String> deps = new ArrayList<>();
            for (String d : list.split(",")) {
                if (!d.isBlank()) {
                    deps.add(d.trim());
                }
            }
            return deps;
        }
        return List.of();
    }

    private static byte[] decompress(Path file) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".ko")) {
            return Files.readAllBytes(file);
        }
        if (n.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        }
        String tool = n.endsWith(".xz") ? "xz" : n.endsWith(".zst") ? "zstd" : null;
        if (tool == null) {
            throw new IOException("unknown module compression: " + file);
        }
        if (!Command.onPath(tool)) {
            throw new IOException(file + " needs " + tool + " to decompress; install " + (tool.equals("xz")
                    ? "xz-utils" : "zstd"));
        }
        Process p = new ProcessBuilder(tool, "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] bytes = p.getInputStream().readAllBytes();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(tool + " -dc " + file + " failed with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return bytes;
    }

    private static String normalize(String name) {
        return name.replace('-', '_');
    }
}
