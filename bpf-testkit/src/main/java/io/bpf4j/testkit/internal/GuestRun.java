package io.bpf4j.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One boot of one kernel for one test class: every {@code @OnKernels} method
 * of the class that names the kernel runs in a single guest JVM; each
 * method's result is then reported by its own invocation on the host.
 */
final class GuestRun {
    /** Set in the guest JVM to the kernel label it runs under. */
    static final String GUEST_PROPERTY = "bpf4j.testkit.guest";
    private static final int CONSOLE_TAIL = 12_000;

    private final String label;
    private final String unavailable;
    private final VirtualMachine.Outcome outcome;
    private final Properties results;
    private final String summary;

    private GuestRun(String label, String unavailable, VirtualMachine.Outcome outcome, Properties results,
                     String summary) {
        this.label = label;
        this.unavailable = unavailable;
        this.outcome = outcome;
        this.results = results;
        this.summary = summary;
    }

    /**
     * Fetches the kernel (cached), boots it and runs {@code methods} of {@code testClass} in the guest.
     * Never throws: what went wrong is reported per method.
     */
    static GuestRun execute(Class<?> testClass, String label, List<Method> methods) {
        String why = VirtualMachine.unavailability();
        if (why != null) {
            return unavailable(label, why);
        }
        long t0 = System.nanoTime();
        KernelImage kernel;
        try {
            kernel = KernelImages.resolve(label);
        } catch (KernelUnavailableException e) {
            return unavailable(label, e.getMessage());
        }
        double fetchS = (System.nanoTime() - t0) / 1e9;
        Path work = null;
        try {
            work = Files.createTempDirectory("bpf4j-vm-" + label.replace('.', '_') + "-");
            Properties selection = new Properties();
            selection.setProperty("class", testClass.getName());
            selection.setProperty("methods", methods.stream().map(MethodKey::of).collect(Collectors.joining(" ")));
            try (OutputStream out = Files.newOutputStream(work.resolve(GuestMain.SELECTION))) {
                selection.store(out, null);
            }
            writeScript(work, label);
            VirtualMachine.Outcome outcome = VirtualMachine.boot(kernel, work, timeout());
            Properties results = new Properties();
            Path resultFile = work.resolve(GuestMain.RESULTS);
            if (Files.exists(resultFile)) {
                try (InputStream in = Files.newInputStream(resultFile)) {
                    results.load(in);
                }
            }
            String summary = String.format("[%s] %s: %d test(s) of %s, fetch %.1f s, boot+JVM+tests %.1f s%s",
                    label, kernel.release(), methods.size(), testClass.getSimpleName(), fetchS,
                    outcome.elapsed().toMillis() / 1000.0, jvmStart(outcome.console()));
            System.out.println("bpf4j-testkit: " + summary);
            return new GuestRun(label, null, outcome, results, summary);
        } catch (IOException e) {
            return new GuestRun(label, null, new VirtualMachine.Outcome(-1, "the VM could not run: " + e, Duration.ZERO,
                    false), new Properties(), "");
        } finally {
            if (work != null && !Boolean.getBoolean("bpf4j.vm.keep")) {
                try {
                    KernelImages.deleteTree(work);
                } catch (IOException ignored) {
                    // a temp directory; the OS cleans it eventually
                }
            }
        }
    }

    private static GuestRun unavailable(String label, String why) {
        return new GuestRun(label, why, null, null, "");
    }

    /**
     * Reports one method's guest result: returns when it passed, throws
     * {@link TestAbortedException} when it was skipped in the guest or the
     * kernel is unavailable, and {@link AssertionFailedError} with the guest's
     * output otherwise.
     */
    void report(Method method) {
        if (unavailable != null) {
            String reason = "[" + label + "] not run: " + unavailable;
            System.out.println("bpf4j-testkit: SKIPPED " + MethodKey.of(method) + " " + reason);
            throw new TestAbortedException(reason);
        }
        String key = MethodKey.of(method);
        String status = results.getProperty(key + ".status");
        if (status == null && results.getProperty("container.status") != null) {
            throw failure("the test class failed in the guest: " + results.getProperty("container.message"),
                    results.getProperty("container.trace"));
        }
        if (status == null) {
            throw failure(outcome.timedOut() ? "the VM did not finish within " + timeout().toSeconds() + " s"
                    : "the guest reported no result for " + key + " (exit code " + outcome.exitCode() + ")", "");
        }
        switch (status) {
            case "SUCCESSFUL":
                return;
            case "ABORTED":
                String reason = "[" + label + "] skipped in the guest: " + results.getProperty(key + ".message");
                System.out.println("bpf4j-testkit: SKIPPED " + key + " " + reason);
                throw new TestAbortedException(reason);
            default:
                throw failure(results.getProperty(key + ".message"), results.getProperty(key + ".trace"));
        }
    }

    private AssertionFailedError failure(String message, String trace) {
        String console = outcome.console();
        if (console.length() > CONSOLE_TAIL) {
            console = "...\n" + console.substring(console.length() - CONSOLE_TAIL);
        }
        return new AssertionFailedError("[" + label + "] failed in the VM: " + message
                + "\n--- guest stack trace ---\n" + (trace == null ? "" : trace)
                + "\n--- guest output (" + summary + ") ---\n" + console);
    }

    private static Duration timeout() {
        return Duration.ofSeconds(Long.getLong("bpf4j.vm.timeout", 900));
    }

    private static String jvmStart(String console) {
        int i = console.indexOf("bpf4j-guest: JVM starting at ");
        if (i < 0) {
            return "";
        }
        int end = console.indexOf(" s", i + 29);
        return end < 0 ? "" : " (JVM started at guest uptime " + console.substring(i + 29, end) + " s)";
    }

    private static void writeScript(Path work, String label) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, ClassPaths.current());
        List<String> args = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss1m", "-Djava.io.tmpdir=/run/tmp", "-Djna.tmpdir=/run/tmp", "-D" + GUEST_PROPERTY + "=" + label,
                "-cp", cp, GuestMain.class.getName(), VirtualMachine.GUEST_WORK_DIR));
        StringBuilder argFile = new StringBuilder();
        for (String a : args) {
            argFile.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        Files.writeString(work.resolve("java.args"), argFile.toString(), StandardCharsets.UTF_8);
        String script = "cd " + shellQuote(System.getProperty("user.dir")) + " || exit 90\n"
                + "export HOME=/run/tmp TMPDIR=/run/tmp\n"
                + "echo \"bpf4j-guest: JVM starting at $(cut -d' ' -f1 /proc/uptime) s\"\n"
                + shellQuote(java) + " @" + VirtualMachine.GUEST_WORK_DIR + "/java.args\n"
                + "rc=$?\n"
                + "echo \"bpf4j-guest: JVM exited with $rc at $(cut -d' ' -f1 /proc/uptime) s\"\n"
                + "exit $rc\n";
        Files.writeString(work.resolve(VirtualMachine.SCRIPT), script, StandardCharsets.UTF_8);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
