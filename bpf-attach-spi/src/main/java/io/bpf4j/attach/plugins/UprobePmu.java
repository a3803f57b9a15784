package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's uprobe PMU (Linux 4.17): its dynamic perf event type and the config bit that makes
 * a probe a return probe, both read from sysfs.
 */
final class UprobePmu {

    static final Path DEVICE = Path.of("/sys/bus/event_source/devices/uprobe");

    private UprobePmu() {
    }

    /** {@return the PMU's perf event type ({@code .../uprobe/type})} */
    static int type() {
        Path file = DEVICE.resolve("type");
        String text = read(file);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new AttachException("unexpected content '" + text + "' in " + file);
        }
    }

    /** {@return the config bit of return probes ({@code .../uprobe/format/retprobe}, "config:N")} */
    static int retprobeBit() {
        Path file = DEVICE.resolve("format").resolve("retprobe");
        String text = read(file);
        if (!text.startsWith("config:")) {
            throw new AttachException("unexpected content '" + text + "' in " + file + " (expected config:<bit>)");
        }
        try {
            int bit = Integer.parseInt(text.substring("config:".length()));
            if (bit < 0 || bit > 63) {
                throw new AttachException("retprobe bit " + bit + " out of range in " + file);
            }
            return bit;
        } catch (NumberFormatException e) {
            throw new AttachException("unexpected content '" + text + "' in " + file + " (expected config:<bit>)");
        }
    }

    /**
     * {@return the config bit where the offset of a USDT semaphore (the probe's reference
     * counter) starts ({@code .../uprobe/format/ref_ctr_offset}, "config:32-63", Linux 4.20)}
     *
     * @throws UnsupportedOperationException if the kernel has no uprobe reference counters
     */
    static int refCtrOffsetShift() {
        Path file = DEVICE.resolve("format").resolve("ref_ctr_offset");
        if (!Files.exists(file)) {
            throw new UnsupportedOperationException("the kernel's uprobe PMU has no reference counter (" + file
                    + " is missing; USDT semaphores need Linux 4.20)");
        }
        String text = read(file);
        int dash = text.indexOf('-');
        if (!text.startsWith("config:") || dash < 0) {
            throw new AttachException("unexpected content '" + text + "' in " + file + " (expected config:<from>-<to>)");
        }
        try {
            int shift = Integer.parseInt(text.substring("config:".length(), dash));
            if (shift < 1 || shift > 63) {
                throw new AttachException("reference counter bit " + shift + " out of range in " + file);
            }
            return shift;
        } catch (NumberFormatException e) {
            throw new AttachException("unexpected content '" + text + "' in " + file + " (expected config:<from>-<to>)");
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new AttachException("the kernel has no uprobe PMU (cannot read " + file
                    + "; needs CONFIG_UPROBE_EVENTS, Linux 4.17)", e);
        }
    }
}
