package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CPUs that are online now ({@code /sys/devices/system/cpu/online}, a list such as {@code 0-3,5}). */
final class OnlineCpus {

    static final Path FILE = Path.of("/sys/devices/system/cpu/online");

    private OnlineCpus() {
    }

    /** {@return the online CPUs' numbers, ascending} */
    static List<Integer> read() {
        try {
            return parse(Files.readString(FILE));
        } catch (IOException | IllegalArgumentException e) {
            throw new AttachException("cannot read the online CPUs from " + FILE, e);
        }
    }

    /** {@return the numbers of a kernel CPU list} */
    static List<Integer> parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("bad CPU range " + part);
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
