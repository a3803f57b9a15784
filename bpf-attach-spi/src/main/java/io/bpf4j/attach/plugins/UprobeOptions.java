package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link UprobePlugin}: where in which binary to probe, for which process.
 *
 * <p>The probed location is {@code function}'s file offset plus {@code offset} when a function
 * is named, else {@code offset} itself as a file offset.
 *
 * <pre>{@code
 * UprobeOptions options = UprobeOptions.builder(Path.of("libc.so.6"))
 *         .function("getpid")
 *         .pid(1234)          // only this process; the default -1 probes every process
 *         .retprobe(true)     // on return instead of on entry
 *         .build();
 * }</pre>
 *
 * @param binary the executable or shared library; a name without a slash is searched like
 *     libbpf does ({@code PATH} for executables, the standard library directories for
 *     {@code .so} names)
 * @param function the function (symbol) name, or null to probe a raw file offset
 * @param offset bytes added to the function's offset, or the file offset itself without function
 * @param pid the process to probe, or -1 for every process
 * @param retprobe whether to probe returns (a uretprobe) instead of entries
 * @param cookie the BPF cookie ({@code bpf_get_attach_cookie()}), 0 for none (needs Linux 5.15)
 */
public record UprobeOptions(Path binary, String function, long offset, int pid, boolean retprobe, long cookie)
        implements AttachOptions {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if offset is negative, pid below -1, or the function empty
     */
    public UprobeOptions {
        Objects.requireNonNull(binary, "binary");
        if (function != null && function.isEmpty()) {
            throw new IllegalArgumentException("function name must not be empty (use null for a raw offset)");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        if (pid < -1) {
            throw new IllegalArgumentException("pid must be -1 (every process) or a process id: " + pid);
        }
    }

    /** {@return the function name, if one is set} */
    public Optional<String> functionName() {
        return Optional.ofNullable(function);
    }

    /**
     * {@return a builder probing {@code binary}}
     *
     * @param binary the executable or shared library
     */
    public static Builder builder(Path binary) {
        return new Builder(binary);
    }

    /** Builds {@link UprobeOptions}; defaults: no function, offset 0, pid -1, entry probe, no cookie. */
    public static final class Builder {
        private final Path binary;
        private String function;
        private long offset;
        private int pid = -1;
        private boolean retprobe;
        private long cookie;

        private Builder(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
        }

        /**
         * Probes a function.
         *
         * @param function the symbol name
         * @return this builder
         */
        public Builder function(String function) {
            this.function = function;
            return this;
        }

        /**
         * Sets the offset (added to the function's, or the raw file offset without function).
         *
         * @param offset bytes
         * @return this builder
         */
        public Builder offset(long offset) {
            this.offset = offset;
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
         * @param retprobe true for a uretprobe
         * @return this builder
         */
        public Builder retprobe(boolean retprobe) {
            this.retprobe = retprobe;
            return this;
        }

        /**
         * Sets the BPF cookie.
         *
         * @param cookie the value {@code bpf_get_attach_cookie()} returns
         * @return this builder
         */
        public Builder cookie(long cookie) {
            this.cookie = cookie;
            return this;
        }

        /** {@return the options} */
        public UprobeOptions build() {
            return new UprobeOptions(binary, function, offset, pid, retprobe, cookie);
        }
    }
}
