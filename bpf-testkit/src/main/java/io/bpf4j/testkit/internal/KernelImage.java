package io.bpf4j.testkit.internal;

import java.nio.file.Path;

/**
 * A Debian kernel unpacked in the cache, ready to boot.
 *
 * @param label      what the test asked for, e.g. {@code 6.1} or {@code latest}
 * @param release    the kernel's release, e.g. {@code 6.1.0-18-amd64}
 * @param vmlinuz    the bootable image
 * @param modulesDir {@code lib/modules/<release>}, holding {@code kernel/**.ko[.xz|.zst]}
 */
record KernelImage(String label, String release, Path vmlinuz, Path modulesDir) {
}
