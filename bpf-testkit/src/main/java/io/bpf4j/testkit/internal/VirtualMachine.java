package io.bpf4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Boots a kernel in QEMU under software emulation ({@code -accel tcg,thread=single -cpu max}:
 * nested KVM is not assumed) with a busybox initramfs made here, shares the host's
 * root file system read-only over 9p, chroots into it and runs a script there,
 * so the guest runs the host's own JDK and class path. A second 9p share, the
 * work directory, is writable: the script's results come back through it.
 *
 * <p>Inside the chroot the guest mounts its own {@code /proc}, {@code /sys},
 * {@code /dev}, bpffs, tracefs, debugfs and a tmpfs on {@code /run} (the
 * work directory appears at {@link #GUEST_WORK_DIR}).
 */
final class VirtualMachine {
    /** Where the writable work directory appears inside the chroot. */
    static final String GUEST_WORK_DIR = "/run/bpf4j-vm";
    static final String SCRIPT = "guest.sh";
    static final String EXIT_CODE = "exit-code";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String NINEP = "trans=virtio,version=9p2000.L,msize=512000";
    /** Printed by the initramfs' init: the kernel got as far as user space. */
    private static final String INIT_MARKER = "bpf4j-guest: kernel ";
    /** Boots again when the kernel dies before init; see {@link #boot}. */
    private static final int BOOT_ATTEMPTS = 2;

    private VirtualMachine() {
    }

    /** What a boot produced. */
    record Outcome(int exitCode, String console, Duration elapsed, boolean timedOut) {
    }

    /**
     * @return null when the host can run VMs, else why not
     */
    static String unavailability() {
        if (!Command.onPath("qemu-system-x86_64")) {
            return "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)";
        }
        if (!Files.isExecutable(BUSYBOX)) {
            return BUSYBOX + " is missing (apt-get install busybox-static)";
        }
        try {
            String elf = new String(Files.readAllBytes(BUSYBOX), StandardCharsets.ISO_8859_1);
            if (elf.contains("/lib64/ld-linux")) {
                return BUSYBOX + " is linked dynamically; the initramfs needs busybox-static";
            }
        } catch (IOException e) {
            return "cannot read " + BUSYBOX + ": " + e.getMessage();
        }
        return null;
    }

    /**
     * Boots {@code kernel}, runs {@code workDir/guest.sh} in the chroot and powers off.
     *
     * @param kernel  the kernel
     * @param workDir writable host directory holding {@value #SCRIPT}; results go there
     * @param timeout how long the whole boot may take
     * @return the exit code of the script (-1 when it did not report one) and the console
     * @throws IOException when QEMU cannot start or the initramfs cannot be made
     */
    static Outcome boot(KernelImage kernel, Path workDir, Duration timeout) throws IOException {
        Path initrd = workDir.resolve("initramfs.cpio");
        writeInitramfs(kernel, initrd);
        // A kernel that dies before init never ran a test, so booting it again
        // retries nothing of the test's. It happened under QEMU 7.2's TCG: a
        // spurious int3 oops while the kernel patched its own text at boot
        // ("sched_clock: Marking stable"). Its earlier console is kept.
        String earlier = "";
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = bootOnce(kernel, workDir, initrd, timeout);
            if (outcome.timedOut() || outcome.console().contains(INIT_MARKER) || attempt == BOOT_ATTEMPTS) {
                return earlier.isEmpty() ? outcome : new Outcome(outcome.exitCode(),
                        earlier + outcome.console(), outcome.elapsed(), outcome.timedOut());
            }
            System.out.println("bpf4j-testkit: " + kernel.release() + " died before init (attempt " + attempt
                    + " of " + BOOT_ATTEMPTS + "); booting it again");
            earlier = earlier + "--- boot attempt " + attempt + ": the kernel died before init ---\n"
                    + outcome.console() + "\n--- boot attempt " + (attempt + 1) + " ---\n";
        }
    }

    private static Outcome bootOnce(KernelImage kernel, Path workDir, Path initrd, Duration timeout)
            throws IOException {
        Path console = workDir.resolve("console.log");
        Files.deleteIfExists(workDir.resolve(EXIT_CODE));
        String append = "console=ttyS0 rdinit=/init panic=-1 loglevel=4 mitigations=off"
                + (kernel.release().startsWith("5.") ? " lsm=lockdown,capability,yama,apparmor,tomoyo,bpf" : "");
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64",
                // One TCG thread for every vCPU: with a thread per vCPU (QEMU 7.2), a vCPU
                // could still run code another vCPU had just patched through int3 and
                // oops. Measured on 2 cores: no slower (92 s vs 95 s for KernelHooksTest).
                "-accel", "tcg,thread=single", "-cpu", "max", "-smp", String.valueOf(Math.min(4, Runtime.getRuntime()
                        .availableProcessors())), "-m", "2048",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                "-serial", "file:" + console,
                "-kernel", kernel.vmlinuz().toString(), "-initrd", initrd.toString(), "-append", append,
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + workDir + ",mount_tag=work,security_model=none"));
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("qemu.log").toFile()).start();
        boolean finished;
        try {
            finished = qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            qemu.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the VM ran", e);
        }
        if (!finished) {
            qemu.destroyForcibly();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String text = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
        String qemuLog = Files.readString(workDir.resolve("qemu.log"), StandardCharsets.ISO_8859_1);
        if (!qemuLog.isBlank()) {
            text = text + "\n--- qemu ---\n" + qemuLog;
        }
        int exit = -1;
        Path code = workDir.resolve(EXIT_CODE);
        if (Files.exists(code)) {
            try {
                exit = Integer.parseInt(Files.readString(code).trim());
            } catch (NumberFormatException e) {
                exit = -1;
            }
        }
        return new Outcome(exit, text, elapsed, !finished);
    }

    private static void writeInitramfs(KernelImage kernel, Path initrd) throws IOException {
        Map<String, byte[]> modules = GuestModules.forNinePee(kernel.modulesDir());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioWriter cpio = new CpioWriter(bytes)) {
            for (String d : List.of("bin", "dev", "proc", "sys", "host", "modules")) {
                cpio.directory(d);
            }
            cpio.file("bin/busybox", 0755, Files.readAllBytes(BUSYBOX));
            for (Map.Entry<String, byte[]> m : modules.entrySet()) {
                cpio.file("modules/" + m.getKey(), 0644, m.getValue());
            }
            cpio.file("init", 0755, initScript(List.copyOf(modules.keySet())).getBytes(StandardCharsets.UTF_8));
        }
        Files.write(initrd, bytes.toByteArray());
    }

    private static String initScript(List<String> modules) {
        String h = "/host";
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/busybox sh\n")
                .append("B=/bin/busybox\n")
                .append("$B mount -t proc proc /proc; $B mount -t sysfs sysfs /sys; $B mount -t devtmpfs dev /dev\n")
                .append("echo \"").append(INIT_MARKER).append("$($B uname -r) up after $($B cut -d' ' -f1 /proc/uptime) s\"\n");
        for (String m : modules) {
            s.append("$B insmod /modules/").append(m).append(" || echo \"bpf4j-guest: insmod ").append(m)
                    .append(" failed\"\n");
        }
        s.append("fail() { echo \"bpf4j-guest: $*\"; $B poweroff -f; }\n")
                .append("$B mount -t 9p -o ro,").append(NINEP).append(",cache=loose hostroot ").append(h)
                .append(" || fail 'cannot mount the host root over 9p'\n")
                .append("$B mount -t proc proc ").append(h).append("/proc\n")
                .append("$B mount -t sysfs sysfs ").append(h).append("/sys\n")
                .append("$B mount -t devtmpfs dev ").append(h).append("/dev\n")
                .append("$B mount -t tmpfs tmpfs ").append(h).append("/run\n")
                .append("$B mount -t bpf bpf ").append(h).append("/sys/fs/bpf\n")
                .append("$B mount -t tracefs tracefs ").append(h).append("/sys/kernel/tracing 2>/dev/null\n")
                .append("$B mount -t debugfs debugfs ").append(h).append("/sys/kernel/debug 2>/dev/null\n")
                .append("$B mount -t securityfs securityfs ").append(h).append("/sys/kernel/security 2>/dev/null\n")
                .append("$B mkdir -p ").append(h).append(GUEST_WORK_DIR).append(' ').append(h).append("/run/tmp\n")
                .append("$B mount -t 9p -o ").append(NINEP).append(" work ").append(h).append(GUEST_WORK_DIR)
                .append(" || fail 'cannot mount the work directory over 9p'\n")
                // RLIMIT_MEMLOCK stays the kernel's default (64 KiB on 5.10): bpf4j raises it
                // itself where the kernel charges BPF memory to it, as libbpf does.
                .append("$B chroot ").append(h).append(" /bin/sh ").append(GUEST_WORK_DIR).append('/').append(SCRIPT)
                .append("\n")
                .append("echo $? > ").append(h).append(GUEST_WORK_DIR).append('/').append(EXIT_CODE).append("\n")
                .append("$B sync\n")
                .append("$B poweroff -f\n");
        return s.toString();
    }
}
