package io.bpf4j.syscall.internal;

/**
 * Parses the kernel's CPU list format ({@code /sys/devices/system/cpu/possible}: {@code "0-3,8"}),
 * used to size per-CPU map values: the kernel lays out one slot per possible CPU.
 */
public final class CpuList {
    private CpuList() {
    }

    /**
     * {@return the number of CPUs in {@code list}: the kernel copies one value slot per possible
     * CPU, consecutively, so a sparse list counts its members, not its highest number}
     *
     * @throws IllegalArgumentException if {@code list} is not in the kernel's format
     */
    public static int count(String list) {
        String trimmed = list.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty CPU list");
        }
        int count = 0;
        try {
            for (String part : trimmed.split(",")) {
                int dash = part.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
                if (first < 0 || last < first) {
                    throw new IllegalArgumentException("not a CPU list: \"" + trimmed + "\"");
                }
                count += last - first + 1;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CPU list: \"" + trimmed + "\"", e);
        }
        return count;
    }
}
