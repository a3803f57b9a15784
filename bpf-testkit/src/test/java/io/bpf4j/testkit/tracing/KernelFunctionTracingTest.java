package io.bpf4j.testkit.tracing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.Eventually;
import io.bpf4j.testkit.OnKernels;
import io.bpf4j.testkit.RequiresFeature;
import io.bpf4j.testkit.Triggers;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * kprobe and fentry programs on {@code vfs_unlink} (a function every kernel
 * since 5.10 has under that name): they run in the 5.10, 6.1, 6.12 and newest
 * Debian kernels inside QEMU, and on a host without kprobes or BPF
 * trampolines they are skipped with the reason.
 */
@BpfTest
class KernelFunctionTracingTest {
    private static final int UNLINKS = 3;

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.KPROBE)
    void attachesKprobe(@BpfObjectResource("/META-INF/bpf/unlinks_kprobe.bpf.o") BpfObject obj, @TempDir Path dir) {
        countsUnlinks(obj, dir);
    }

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    @RequiresFeature(programTypes = ProgramType.TRACING)
    void attachesFentry(@BpfObjectResource("/META-INF/bpf/unlinks_fentry.bpf.o") BpfObject obj, @TempDir Path dir) {
        countsUnlinks(obj, dir);
    }

    private static void countsUnlinks(BpfObject obj, Path dir) {
        obj.rodata().setInt("target_tgid", (int) ProcessHandle.current().pid());
        obj.load();
        obj.attachAll();
        Triggers.unlinkFiles(dir, UNLINKS);
        long seen = Eventually.globalLong(obj.bss(), "unlinks", n -> n >= UNLINKS);
        assertTrue(seen >= UNLINKS, "unlinks seen: " + seen);
    }
}
