package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's kprobe PMU (Linux 4.17): its perf event type and return-probe config bit, from
 * sysfs. Absent when the kernel has no {@code CONFIG_KPROBE_EVENTS} (or no kprobes at all).
 */
final class KprobePmu {

    static final Path DEVICE = Path.of("/sys/bus/event_source/devices/kprobe");

    private KprobePmu() {
    }

    /** {@return whether the PMU exists} */
    static boolean exists() {
        return Files.isRegularFile(DEVICE.resolve("type"));
    }

    static int type() {
        return Integer.parseInt(read(DEVICE.resolve("type")));
    }

    static int retprobeBit() {
        String text = read(DEVICE.resolve("format").resolve("retprobe"));
        if (!text.startsWith("config:")) {
            throw new AttachException("unexpected content '" + text + "' in " + DEVICE + "/format/retprobe");
        }
        return Integer.parseInt(text.substring("config:".length()));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new AttachException("the kernel has no kprobe PMU (cannot read " + file
                    + "; needs CONFIG_KPROBE_EVENTS, Linux 4.17)", e);
        }
    }
}
