package io.bpf4j.loader.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of possible CPUs, which sizes per-CPU map values: the kernel
 * copies one slot per possible CPU (not per online CPU), as libbpf's
 * {@code libbpf_num_possible_cpus} reads from the same file.
 */
public final class PossibleCpus {
    private static final Path POSSIBLE = Path.of("/sys/devices/system/cpu/possible");
    private final int count;

    private PossibleCpus(int count) {
        this.count = count;
    }

    /** {@return the running machine's count, from /sys/devices/system/cpu/possible} */
    public static PossibleCpus system() {
        try {
            return new PossibleCpus(parse(Files.readString(POSSIBLE).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POSSIBLE, e);
        }
    }

    /**
     * Counts the CPUs of a list such as {@code 0-3,8,10-11}.
     *
     * @param list the kernel's CPU list format
     * @return how many CPUs it names
     */
    static int parse(String list) {
        int total = 0;
        for (String part : list.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                total++;
            } else {
                total += Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
            }
        }
        if (total <= 0) {
            throw new IllegalStateException("no CPU in '" + list + "'");
        }
        return total;
    }

    /** {@return how many CPUs are possible} */
    public int count() {
        return count;
    }
}
