package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link KprobeMultiPlugin}: the functions, by glob pattern or by name.
 *
 * @param pattern a glob ({@code *}, {@code ?}) over the traceable functions, or null when
 *     {@code functions} are given
 * @param functions the functions' names, or empty when {@code pattern} is given
 * @param retprobe probe returns instead of entries
 * @param cookies one cookie per named function, or empty
 */
public record KprobeMultiOptions(String pattern, List<String> functions, boolean retprobe, List<Long> cookies)
        implements AttachOptions {

    /** Checks the fields. */
    public KprobeMultiOptions {
        functions = List.copyOf(functions);
        cookies = List.copyOf(cookies);
        if ((pattern == null) == functions.isEmpty()) {
            throw new IllegalArgumentException("give a pattern or function names, not both");
        }
        if (!cookies.isEmpty() && cookies.size() != functions.size()) {
            throw new IllegalArgumentException("cookies go with named functions, one each");
        }
    }

    /** {@return entry probes on every traceable function matching {@code pattern}} */
    public static KprobeMultiOptions matching(String pattern) {
        return new KprobeMultiOptions(Objects.requireNonNull(pattern, "pattern"), List.of(), false, List.of());
    }

    /** {@return entry probes on {@code functions}} */
    public static KprobeMultiOptions of(List<String> functions) {
        return new KprobeMultiOptions(null, functions, false, List.of());
    }
}
