package io.bpf4j.testkit;

import io.bpf4j.testkit.internal.GuestKernelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test running in an {@link OnKernels} VM needs of the kernel it booted: which one it is,
 * its configuration and its modules. The guest shares the host's root, whose {@code /boot} and
 * {@code /lib/modules} belong to the host's kernel; these come from the testkit's kernel cache.
 * On the host, {@link #label()} is empty and the rest answers for the host's kernel.
 *
 * <pre>{@code
 * @OnKernels({"5.10", "6.1", "6.12", "latest"})
 * void actionFires(...) {
 *     GuestKernel.requireModule("CONFIG_NET_ACT_BPF", "act_bpf");   // insmod in the VM, or skip
 *     ...
 * }
 * }</pre>
 */
public final class GuestKernel {
    private GuestKernel() {
    }

    /** {@return the VM's kernel label ({@code 5.10}, {@code 6.1} ...), empty on the host} */
    public static Optional<String> label() {
        return GuestKernelFiles.label();
    }

    /** {@return the running kernel's configuration ({@code /proc/config.gz}, or the cached kernel's), if any} */
    public static Optional<String> config() {
        try {
            return GuestKernelFiles.config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * In a VM, inserts the modules (with what they depend on) from the kernel cache.
     *
     * @param names module names
     * @return those of {@code names} now loaded or built in; empty on the host
     */
    public static List<String> loadModules(String... names) {
        try {
            return GuestKernelFiles.loadModules(List.of(names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading " + List.of(names), e);
        }
    }

    /**
     * Makes sure the kernel has a module: loaded, built in ({@code configSymbol=y}), or inserted
     * now (in a VM); otherwise the test is skipped saying which.
     *
     * @param configSymbol e.g. {@code CONFIG_NET_ACT_BPF}
     * @param module e.g. {@code act_bpf}
     */
    public static void requireModule(String configSymbol, String module) {
        if (GuestKernelFiles.isLoaded(module)) {
            return;
        }
        Optional<String> config = config();
        if (config.isPresent() && config.get().lines().anyMatch(l -> l.equals(configSymbol + "=y"))) {
            return;
        }
        List<String> loaded = loadModules(module);
        Assumptions.assumeTrue(loaded.contains(module), "kernel " + System.getProperty("os.version") + " has no "
                + module + " (" + configSymbol + " is not built in" + (label().isPresent()
                ? ", and the kernel cache has no module for it)" : ", and no module is loaded)"));
    }
}
