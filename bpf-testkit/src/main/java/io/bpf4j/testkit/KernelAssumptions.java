package io.bpf4j.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JUnit assumptions about the running kernel: a test that needs what the
 * kernel lacks is skipped, and the skip says what is missing.
 */
public final class KernelAssumptions {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing/events");
    private static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing/events");
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");
    private static final Path BPFFS = Path.of("/sys/fs/bpf");

    private KernelAssumptions() {
    }

    /** Skips unless tracefs (tracepoint ids) is mounted. */
    public static void assumeTracefs() {
        assumeTrue(Files.isDirectory(TRACEFS) || Files.isDirectory(DEBUGFS_TRACING),
                "tracefs is not mounted at /sys/kernel/tracing (mount -t tracefs tracefs /sys/kernel/tracing)");
    }

    /** Skips unless the kernel has kprobes (CONFIG_KPROBES: the kprobe PMU exists). */
    public static void assumeKprobes() {
        assumeTrue(Files.isDirectory(KPROBE_PMU),
                "this kernel has no kprobe PMU (" + KPROBE_PMU + " is missing: CONFIG_KPROBES is off)");
    }

    /** Skips unless a BPF file system is mounted at /sys/fs/bpf (needed to pin). */
    public static void assumeBpffs() {
        assumeTrue(isBpffs(BPFFS), "no BPF file system at " + BPFFS + " (mount -t bpf bpf /sys/fs/bpf)");
    }

    private static boolean isBpffs(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[1].equals(dir.toString()) && fields[2].equals("bpf")) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
