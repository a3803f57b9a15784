package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link UprobeMultiPlugin}: one link probing many places of one binary, named by a
 * glob over its function symbols, by function names, or by raw file offsets.
 *
 * <pre>{@code
 * program.attach(UprobeMultiOptions.matching(Path.of("libc.so.6"), "str*cmp").build());
 * program.attach(UprobeMultiOptions.functions(binary, List.of("a", "b")).cookies(List.of(1L, 2L)).pid(pid).build());
 * program.attach(UprobeMultiOptions.offsets(binary, List.of(0x1139L)).refCtrOffsets(List.of(0x3028L)).build());
 * }</pre>
 *
 * @param binary the executable or shared library (a bare name is searched like uprobe binaries)
 * @param pattern a glob ({@code *}, {@code ?}) over the binary's function names, or null
 * @param functions function names, or empty
 * @param offsets file offsets, or empty
 * @param refCtrOffsets one reference counter (USDT semaphore) file offset per probed place, or empty
 * @param cookies one {@code bpf_get_attach_cookie()} value per probed place (per function or
 *     offset given; with a glob, per match in name order), or empty
 * @param pid the only process probed, or -1 for every process
 * @param retprobe whether to probe returns ({@code BPF_F_UPROBE_MULTI_RETURN})
 */
public record UprobeMultiOptions(Path binary, String pattern, List<String> functions, List<Long> offsets,
        List<Long> refCtrOffsets, List<Long> cookies, int pid, boolean retprobe) implements AttachOptions {

    /**
     * Checks that exactly one way of naming places is used and that the per-place lists fit it.
     *
     * @throws IllegalArgumentException if not
     */
    public UprobeMultiOptions {
        Objects.requireNonNull(binary, "binary");
        functions = List.copyOf(functions);
        offsets = List.copyOf(offsets);
        refCtrOffsets = List.copyOf(refCtrOffsets);
        cookies = List.copyOf(cookies);
        int ways = (pattern != null ? 1 : 0) + (functions.isEmpty() ? 0 : 1) + (offsets.isEmpty() ? 0 : 1);
        if (ways != 1) {
            throw new IllegalArgumentException("give exactly one of a glob, function names or offsets");
        }
        int places = pattern != null ? -1 : Math.max(functions.size(), offsets.size());
        if (places >= 0 && !cookies.isEmpty() && cookies.size() != places) {
            throw new IllegalArgumentException("one cookie per probed place: " + cookies.size() + " for " + places);
        }
        if (!refCtrOffsets.isEmpty() && (places < 0 || refCtrOffsets.size() != places)) {
            throw new IllegalArgumentException("one reference counter offset per function or offset given");
        }
        if (pid < -1 || pid == 0) {
            throw new IllegalArgumentException("pid must be -1 (every process) or a process id: " + pid);
        }
    }

    /**
     * {@return a builder probing every function of {@code binary} matching {@code glob}}
     *
     * @param binary the executable or shared library
     * @param glob a pattern with {@code *} and {@code ?}
     */
    public static Builder matching(Path binary, String glob) {
        return new Builder(binary, Objects.requireNonNull(glob, "glob"), List.of(), List.of());
    }

    /**
     * {@return a builder probing the named functions of {@code binary}}
     *
     * @param binary the executable or shared library
     * @param functions symbol names
     */
    public static Builder functions(Path binary, List<String> functions) {
        return new Builder(binary, null, functions, List.of());
    }

    /**
     * {@return a builder probing raw file offsets of {@code binary}}
     *
     * @param binary the executable or shared library
     * @param offsets file offsets of instructions
     */
    public static Builder offsets(Path binary, List<Long> offsets) {
        return new Builder(binary, null, List.of(), offsets);
    }

    /** Builds {@link UprobeMultiOptions}; defaults: no cookies or reference counters, every process, entries. */
    public static final class Builder {
        private final Path binary;
        private final String pattern;
        private final List<String> functions;
        private final List<Long> offsets;
        private List<Long> refCtrOffsets = List.of();
        private List<Long> cookies = List.of();
        private int pid = -1;
        private boolean retprobe;

        private Builder(Path binary, String pattern, List<String> functions, List<Long> offsets) {
            this.binary = binary;
            this.pattern = pattern;
            this.functions = functions;
            this.offsets = offsets;
        }

        /**
         * Sets one cookie per probed place.
         *
         * @param cookies the values {@code bpf_get_attach_cookie()} returns
         * @return this builder
         */
        public Builder cookies(List<Long> cookies) {
            this.cookies = cookies;
            return this;
        }

        /**
         * Sets one reference counter (semaphore) file offset per probed place.
         *
         * @param refCtrOffsets file offsets of 16-bit counters
         * @return this builder
         */
        public Builder refCtrOffsets(List<Long> refCtrOffsets) {
            this.refCtrOffsets = refCtrOffsets;
            return this;
        }

        /**
         * Probes one process only.
         *
         * @param pid the process id, or -1 for every process
         * @return this builder
         */
        public Builder pid(int pid) {
            this.pid = pid;
            return this;
        }

        /**
         * Probes returns instead of entries.
         *
         * @param retprobe true for return probes
         * @return this builder
         */
        public Builder retprobe(boolean retprobe) {
            this.retprobe = retprobe;
            return this;
        }

        /** {@return the options} */
        public UprobeMultiOptions build() {
            return new UprobeMultiOptions(binary, pattern, functions, offsets, refCtrOffsets, cookies, pid, retprobe);
        }
    }
}
