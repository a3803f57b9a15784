package io.bpf4j.examples.bootstrap;

import io.bpf4j.loader.BpfLog;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.RingBufferReader;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bootstrap tool: one line per exec and per process exit until SIGINT or
 * SIGTERM.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Trace process exec and exit events, with exit codes and durations.")
public final class Bootstrap implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = {"-d", "--duration"}, paramLabel = "MS", defaultValue = "0",
            description = "Only report processes that ran at least MS milliseconds (exits only).")
    long minDurationMs;

    @Option(names = {"-v", "--verbose"}, description = "Log bpf4j's debug messages and timings.")
    boolean verbose;

    private final PrintStream out;
    private volatile boolean stopping;
    private final CountDownLatch finished = new CountDownLatch(1);

    Bootstrap(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the tool.
     *
     * @param args command-line options (see {@code --help})
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Bootstrap(System.out)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        if (verbose) {
            BpfLog.setLevel(Level.DEBUG);
        }
        // SIGINT and SIGTERM run shutdown hooks: ask the loop to stop, then wait for
        // it to detach and free everything before the JVM goes away.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bootstrap-shutdown"));
        try {
            run();
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private void run() {
        long start = System.nanoTime();
        try (BpfObject obj = BpfObject.openResource(Bootstrap.class, "/META-INF/bpf/bootstrap.bpf.o")) {
            obj.rodata().setLong("min_duration_ns", TimeUnit.MILLISECONDS.toNanos(minDurationMs));
            long opened = System.nanoTime();
            obj.load();
            long loaded = System.nanoTime();
            obj.attachAll();
            long attached = System.nanoTime();
            if (verbose) {
                System.err.printf("bootstrap: open %.1f ms, load %.1f ms, attach %.1f ms, total %.1f ms%n",
                        millis(opened - start), millis(loaded - opened), millis(attached - loaded),
                        millis(attached - start));
            }
            out.printf("%-8s %-5s %-16s %-7s %-7s %s%n", "TIME", "EVENT", "COMM", "PID", "PPID",
                    "FILENAME/EXIT CODE");
            out.flush();
            try (RingBufferReader events = obj.ringBuffer("events", r -> print(BootstrapEvent.decode(r)))) {
                while (!stopping) {
                    events.poll(Duration.ofMillis(100));
                    out.flush();
                }
            }
            long dropped = obj.bss().getLong("dropped_events");
            if (dropped > 0) {
                System.err.println("bootstrap: " + dropped + " events dropped (ring buffer full)");
            }
        }
    }

    private void print(BootstrapEvent e) {
        String time = LocalTime.now().format(TIME);
        if (e.exit()) {
            String duration = e.durationNs() > 0 ? " (" + e.durationNs() / 1_000_000 + "ms)" : "";
            out.printf("%-8s %-5s %-16s %-7d %-7d [%d]%s%n", time, "EXIT", e.comm(), e.pid(), e.ppid(),
                    e.exitCode(), duration);
        } else {
            out.printf("%-8s %-5s %-16s %-7d %-7d %s%n", time, "EXEC", e.comm(), e.pid(), e.ppid(),
                    e.filename());
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
