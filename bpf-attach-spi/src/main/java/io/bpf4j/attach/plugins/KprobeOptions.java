package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link KprobePlugin}: the kernel function to probe.
 *
 * @param function the function (for a ksyscall section: the system call's name, such as
 *     {@code openat}, the architecture's wrapper being found for the caller)
 * @param offset bytes into the function (entry probes only); 0 for its entry
 * @param retprobe probe returns instead of entries
 * @param cookie the BPF cookie, 0 for none (needs perf links, Linux 5.15)
 * @param legacy force the tracefs {@code kprobe_events} path instead of the kprobe PMU
 */
public record KprobeOptions(String function, long offset, boolean retprobe, long cookie, boolean legacy)
        implements AttachOptions {

    /** Checks the fields. */
    public KprobeOptions {
        Objects.requireNonNull(function, "function");
        if (function.isEmpty() || !function.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
            throw new IllegalArgumentException("not a kernel function name: '" + function + "'");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (retprobe && offset != 0) {
            throw new IllegalArgumentException("a return probe has no offset");
        }
    }

    /** {@return an entry probe on {@code function}} */
    public static KprobeOptions of(String function) {
        return new KprobeOptions(function, 0, false, 0, false);
    }
}
