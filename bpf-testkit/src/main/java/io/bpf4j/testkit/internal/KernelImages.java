package io.bpf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches Debian's kernels with {@code apt-get download} through a private
 * sources list (its own {@code Dir::Etc::sourcelist}, {@code Dir::State} and
 * {@code Dir::Cache}: the system's apt configuration is never touched), unpacks
 * them with {@code dpkg-deb} and caches them under
 * {@code ~/.cache/bpf4j/kernels/<label>} (or {@code $BPF4J_KERNEL_CACHE}).
 *
 * <p>A label names a Debian suite: {@code 5.10} is bullseye, {@code 6.1}
 * bookworm, {@code 6.12} trixie, {@code latest} sid. The suite's
 * {@code linux-image-amd64} names the current image package; its
 * {@code linux-image-*}, {@code linux-binary-*} and {@code linux-modules-*}
 * dependencies (sid splits the kernel that way) are downloaded too.
 */
final class KernelImages {
    /** Label to Debian suite. */
    static final Map<String, String> SUITES = Map.of(
            "5.10", "bullseye",
            "6.1", "bookworm",
            "6.12", "trixie",
            "latest", "sid");
    private static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    private static final Path KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    private static final Pattern DEPENDS = Pattern.compile("^\\s*\\|?(?:Pre)?Depends: (\\S+)\\s*$");
    private static final long APT_TIMEOUT_S = 600;

    private KernelImages() {
    }

    /** {@return the cache root} */
    static Path cacheRoot() {
        String env = System.getenv("BPF4J_KERNEL_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "bpf4j", "kernels");
    }

    /**
     * Returns the cached kernel for a label, fetching it first when missing.
     *
     * @param label one of {@link #SUITES}' keys
     * @return the unpacked kernel
     * @throws KernelUnavailableException when it cannot be fetched or unpacked
     */
    static KernelImage resolve(String label) throws KernelUnavailableException {
        String suite = SUITES.get(label);
        if (suite == null) {
            throw new IllegalArgumentException("unknown kernel '" + label + "': use one of " + SUITES.keySet());
        }
        Path dir = cacheRoot().resolve(label);
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                KernelImage cached = readCached(label, dir);
                return cached != null ? cached : fetch(label, suite, dir);
            }
        } catch (IOException e) {
            throw new KernelUnavailableException("kernel " + label + " (Debian " + suite + ") cannot be fetched: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The kernel of a label as cached, without fetching: what a guest uses to find its own
     * kernel's files (modules, config) in the host root it runs on.
     *
     * @param label e.g. {@code 6.1}
     * @return the cached kernel, or empty if the cache (under {@link #cacheRoot()} or root's
     *     home, which the guest's JVM may not share) has none
     * @throws IOException when the cache cannot be read
     */
    static java.util.Optional<KernelImage> cached(String label) throws IOException {
        for (Path root : List.of(cacheRoot(), Path.of("/root/.cache/bpf4j/kernels"))) {
            KernelImage image = readCached(label, root.resolve(label));
            if (image != null) {
                return java.util.Optional.of(image);
            }
        }
        return java.util.Optional.empty();
    }

    private static KernelImage readCached(String label, Path dir) throws IOException {
        Path props = dir.resolve("kernel.properties");
        if (!Files.isRegularFile(props)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(props)) {
            p.load(in);
        }
        Path vmlinuz = dir.resolve(p.getProperty("vmlinuz", "-"));
        Path modules = dir.resolve(p.getProperty("modules", "-"));
        if (!Files.isRegularFile(vmlinuz) || !Files.isDirectory(modules.resolve("kernel"))) {
            return null;
        }
        return new KernelImage(label, p.getProperty("release"), vmlinuz, modules);
    }

    private static KernelImage fetch(String label, String suite, Path dir) throws IOException, KernelUnavailableException {
        for (String tool : List.of("apt-get", "apt-cache", "dpkg-deb")) {
            if (!Command.onPath(tool)) {
                throw new KernelUnavailableException("kernel " + label + " cannot be fetched: " + tool
                        + " is not installed (the VM runner fetches Debian kernels with apt)");
            }
        }
        Path apt = dir.resolve("apt");
        Path etc = Files.createDirectories(apt.resolve("etc"));
        Files.createDirectories(apt.resolve("state/lists/partial"));
        Files.createDirectories(apt.resolve("cache/archives/partial"));
        String mirror = System.getenv().getOrDefault("BPF4J_DEBIAN_MIRROR", DEFAULT_MIRROR);
        String signedBy = Files.isRegularFile(KEYRING) ? " signed-by=" + KEYRING : " trusted=yes";
        Files.writeString(etc.resolve("sources.list"),
                "deb [arch=amd64" + signedBy + "] " + mirror + " " + suite + " main\n");
        List<String> aptOptions = List.of(
                "-o", "Dir::Etc::sourcelist=" + etc.resolve("sources.list"),
                "-o", "Dir::Etc::sourceparts=-",
                "-o", "Dir::State=" + apt.resolve("state"),
                "-o", "Dir::Cache=" + apt.resolve("cache"),
                "-o", "Acquire::Languages=none",
                "-o", "APT::Sandbox::User=root",
                "-o", "Debug::NoLocking=1");
        Command.run(APT_TIMEOUT_S, concat(List.of("apt-get", "-q"), aptOptions, List.of("update")));

        List<String> packages = kernelPackages(aptOptions);
        Path debs = Files.createDirectories(dir.resolve("debs"));
        Command.run(APT_TIMEOUT_S, concat(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", debs.toString(),
                "apt-get", "-q"), aptOptions, List.of("download"), packages));
        Path root = dir.resolve("root");
        deleteTree(root);
        Files.createDirectories(root);
        try (Stream<Path> files = Files.list(debs)) {
            for (Path deb : files.filter(f -> f.toString().endsWith(".deb")).toList()) {
                Command.run(APT_TIMEOUT_S, List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
            }
        }
        deleteTree(debs);
        KernelImage image = locate(label, root);
        Properties p = new Properties();
        p.setProperty("release", image.release());
        p.setProperty("vmlinuz", dir.relativize(image.vmlinuz()).toString());
        p.setProperty("modules", dir.relativize(image.modulesDir()).toString());
        p.setProperty("packages", String.join(" ", packages));
        try (OutputStream out = Files.newOutputStream(dir.resolve("kernel.properties"))) {
            p.store(out, "fetched by bpf4j-testkit from Debian " + suite);
        }
        return image;
    }

    /** Follows linux-image-amd64's dependencies to the packages that hold the image and the modules. */
    private static List<String> kernelPackages(List<String> aptOptions) throws IOException, KernelUnavailableException {
        Set<String> wanted = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("linux-image-amd64"));
        while (!todo.isEmpty()) {
            String pkg = todo.pop();
            String out = Command.run(APT_TIMEOUT_S, concat(List.of("apt-cache"), aptOptions, List.of("depends", pkg)));
            for (String line : out.split("\n")) {
                Matcher m = DEPENDS.matcher(line);
                if (m.matches()) {
                    String dep = m.group(1);
                    boolean kernelPart = dep.matches("linux-(image|binary|modules)-\\d.*");
                    if (kernelPart && !dep.endsWith("-dbg") && wanted.add(dep)) {
                        todo.push(dep);
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            throw new KernelUnavailableException("linux-image-amd64 depends on no linux-image-<version> package");
        }
        return new ArrayList<>(wanted);
    }

    private static KernelImage locate(String label, Path root) throws IOException, KernelUnavailableException {
        for (String modulesBase : List.of("lib/modules", "usr/lib/modules")) {
            Path base = root.resolve(modulesBase);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> releases = Files.list(base)) {
                for (Path modules : releases.toList()) {
                    String release = modules.getFileName().toString();
                    for (Path candidate : List.of(root.resolve("boot/vmlinuz-" + release), modules.resolve("vmlinuz"))) {
                        if (Files.isRegularFile(candidate) && Files.isDirectory(modules.resolve("kernel"))) {
                            return new KernelImage(label, release, candidate, modules);
                        }
                    }
                }
            }
        }
        throw new KernelUnavailableException("the downloaded packages hold no vmlinuz beside lib/modules/<release>/kernel");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
