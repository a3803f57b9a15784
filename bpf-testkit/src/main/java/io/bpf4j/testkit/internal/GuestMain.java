package io.bpf4j.testkit.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs in the guest JVM: starts the JUnit Platform (Launcher API) on the
 * methods the host selected and writes one result per method back to the
 * work directory, which the host reads after the VM powers off.
 *
 * <p>Input {@value #SELECTION}: {@code class} and {@code methods}
 * (space-separated {@link MethodKey}s). Output {@value #RESULTS}: for each
 * key, {@code <key>.status} ({@code SUCCESSFUL}, {@code FAILED},
 * {@code ABORTED}), {@code <key>.message} and {@code <key>.trace}.
 */
public final class GuestMain {
    static final String SELECTION = "selection.properties";
    static final String RESULTS = "results.properties";

    private GuestMain() {
    }

    /**
     * @param args the work directory as the guest sees it
     * @throws IOException when the selection cannot be read or the results written
     */
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        Properties selection = new Properties();
        try (InputStream in = Files.newInputStream(work.resolve(SELECTION))) {
            selection.load(in);
        }
        String className = selection.getProperty("class");
        List<MethodSelector> selectors = new ArrayList<>();
        for (String key : selection.getProperty("methods", "").split(" ")) {
            if (!key.isBlank()) {
                int paren = key.indexOf('(');
                selectors.add(selectMethod(className, key.substring(0, paren),
                        key.substring(paren + 1, key.length() - 1)));
            }
        }
        Properties results = new Properties();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new Recorder(results));
        try (OutputStream out = Files.newOutputStream(work.resolve(RESULTS))) {
            results.store(out, "bpf4j-testkit guest results");
        }
        System.out.flush();
        System.exit(0);
    }

    /** Records each test method's outcome, and the class's when the class itself failed. */
    private static final class Recorder implements TestExecutionListener {
        private final Properties results;

        Recorder(Properties results) {
            this.results = results;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                System.out.println("bpf4j-guest: running " + id.getDisplayName());
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            record(id, "ABORTED", reason, null);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            String status = result.getStatus().name();
            if (id.getSource().filter(MethodSource.class::isInstance).isPresent()) {
                if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    record(id, status, t == null ? "" : String.valueOf(t.getMessage()), t);
                }
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.isContainer()) {
                results.setProperty("container.status", status);
                results.setProperty("container.message", id.getDisplayName() + ": " + (t == null ? "" : t));
                results.setProperty("container.trace", t == null ? "" : trace(t));
            }
            if (id.isTest()) {
                System.out.println("bpf4j-guest: " + status + " " + id.getDisplayName()
                        + (t == null ? "" : ": " + t));
            }
        }

        private void record(TestIdentifier id, String status, String message, Throwable t) {
            id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(src -> {
                String key = MethodKey.of(src.getJavaMethod());
                if (results.getProperty(key + ".status") == null || !"SUCCESSFUL".equals(status)) {
                    results.setProperty(key + ".status", status);
                    results.setProperty(key + ".message", message == null ? "" : message);
                    results.setProperty(key + ".trace", t == null ? "" : trace(t));
                }
            });
        }

        private static String trace(Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            return w.toString();
        }
    }
}
