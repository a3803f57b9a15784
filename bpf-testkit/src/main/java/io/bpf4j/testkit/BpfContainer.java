package io.bpf4j.testkit;

import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers container that runs a Java main class of the test's own
 * class path, for BPF work inside other namespaces (PID, mount, network). No
 * registry is needed: the image ({@value #IMAGE}) is made locally with
 * {@code docker import} and holds only directories and the usual
 * {@code /bin -> usr/bin} links; the host's {@code /usr} (the JDK), {@code /etc}
 * and the class path are bind-mounted read-only, {@code /sys/fs/bpf} read-write
 * (so pins made inside are visible outside) and, where present,
 * {@code /sys/kernel/tracing}. It runs with CAP_SYS_ADMIN and CAP_NET_ADMIN
 * (engines that predate CAP_BPF and CAP_PERFMON do not know them; SYS_ADMIN
 * covers both), never privileged.
 *
 * <pre>{@code
 * try (BpfContainer c = BpfContainer.java(MyWorkload.class, "/sys/fs/bpf/mine")) {
 *     c.start();                                  // returns when the main class has exited 0
 *     System.out.println(c.getLogs());
 * }
 * }</pre>
 *
 * <p>Testcontainers must be told, through the environment (system properties do
 * not work), {@code TESTCONTAINERS_RYUK_DISABLED=true} and
 * {@code TESTCONTAINERS_CHECKS_DISABLE=true}: otherwise it pulls images from a
 * registry first. {@link #assumeDocker()} skips a test where no engine answers.
 */
public final class BpfContainer extends GenericContainer<BpfContainer> {
    /** The local image, made on first use. */
    public static final String IMAGE = "bpf4j-testkit/host-jdk:1";

    private BpfContainer(List<String> command) {
        super(DockerImageName.parse(IMAGE));
        withImagePullPolicy(image -> false);
        withFileSystemBind("/usr", "/usr", BindMode.READ_ONLY);
        withFileSystemBind("/etc", "/etc", BindMode.READ_ONLY);
        for (String root : classPathRoots()) {
            withFileSystemBind(root, root, BindMode.READ_ONLY);
        }
        withFileSystemBind("/sys/fs/bpf", "/sys/fs/bpf", BindMode.READ_WRITE);
        if (Files.isDirectory(Path.of("/sys/kernel/tracing/events"))) {
            withFileSystemBind("/sys/kernel/tracing", "/sys/kernel/tracing", BindMode.READ_WRITE);
        }
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.SYS_ADMIN,
                Capability.NET_ADMIN));
        withEnv("HOME", "/tmp");
        withCommand(command.toArray(String[]::new));
        withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)));
    }

    /**
     * A container that runs {@code mainClass} with the host's JDK and the test's class path.
     * {@link #start()} returns once it exited 0 and throws (with its logs) otherwise.
     *
     * @param mainClass a class with {@code public static void main(String[])}
     * @param args      its arguments
     * @return the container, not started
     * @throws IllegalStateException when the local image cannot be made
     */
    public static BpfContainer java(Class<?> mainClass, String... args) {
        ensureImage();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=/tmp", "-Djna.tmpdir=/tmp",
                "-cp", String.join(":", classPath()), mainClass.getName()));
        command.addAll(List.of(args));
        return new BpfContainer(command);
    }

    /** Skips the calling test, with the reason, when no Docker engine answers. */
    public static void assumeDocker() {
        boolean available;
        try {
            // Testcontainers takes minutes to give up on an engine that is not there; a socket
            // nobody listens on answers at once.
            available = engineSocketAnswers() && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available,
                "no Docker engine answers (scripts/setup.sh installs docker.io and starts dockerd)");
    }

    /** {@return whether something accepts connections on the engine's unix socket (DOCKER_HOST or the default)} */
    private static boolean engineSocketAnswers() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (!host.startsWith("unix://")) {
            return true; // a TCP engine: let Testcontainers decide
        }
        Path socket = Path.of(host.substring("unix://".length()));
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            return channel.isConnected();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static synchronized void ensureImage() {
        try {
            if (docker(List.of("docker", "image", "inspect", IMAGE), null) == 0) {
                return;
            }
            Path root = Files.createTempDirectory("bpf4j-image");
            for (String d : List.of("usr", "etc", "proc", "sys", "dev", "tmp", "run", "root")) {
                Files.createDirectory(root.resolve(d));
            }
            for (String l : List.of("bin", "sbin", "lib", "lib64")) {
                Files.createSymbolicLink(root.resolve(l), Path.of("usr", l));
            }
            int rc = docker(List.of("sh", "-c", "tar -C \"$0\" -cf - . | docker import - \"$1\"", root.toString(),
                    IMAGE), null);
            if (rc != 0) {
                throw new IllegalStateException("docker import of " + IMAGE + " failed with " + rc);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the image " + IMAGE + ": " + e, e);
        }
    }

    private static int docker(List<String> argv, Path dir) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (p.exitValue() != 0 && !argv.contains("inspect")) {
            System.out.println("bpf4j-testkit: " + String.join(" ", argv) + ": " + out.trim());
        }
        return p.exitValue();
    }

    private static List<String> classPath() {
        try {
            return io.bpf4j.testkit.internal.ClassPaths.current();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class path: " + e, e);
        }
    }

    /** Directories to bind so every class path entry is visible: the local Maven repository once. */
    private static Set<String> classPathRoots() {
        Set<String> roots = new LinkedHashSet<>();
        String repo = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        for (String e : classPath()) {
            if (e.startsWith(repo + "/")) {
                roots.add(repo);
            } else if (Files.exists(Path.of(e))) {
                roots.add(e);
            }
        }
        return roots;
    }
}
