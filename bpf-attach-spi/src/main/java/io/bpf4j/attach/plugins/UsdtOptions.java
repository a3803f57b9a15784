package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of {@link UsdtPlugin}: which probe of which binary, for which process, with which
 * cookie.
 *
 * <pre>{@code
 * Link link = program.attach(UsdtOptions.builder(Path.of("/usr/bin/python3"), "python", "function__entry")
 *         .pid(1234)         // only this process; the default -1 probes every process
 *         .cookie(7)         // bpf_usdt_cookie(ctx) returns 7
 *         .build());
 * }</pre>
 *
 * @param binary the executable or shared library; a bare name is searched like uprobe binaries
 *     ({@code PATH}, or the library directories for {@code .so} names)
 * @param provider the probe's provider
 * @param name the probe's name
 * @param pid the process to probe, or -1 for every process
 * @param cookie the value {@code bpf_usdt_cookie()} returns (kept in the spec, not the BPF cookie)
 */
public record UsdtOptions(Path binary, String provider, String name, int pid, long cookie) implements AttachOptions {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if provider or name is empty, or pid below -1
     */
    public UsdtOptions {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        if (provider.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("USDT provider and name must not be empty");
        }
        if (pid < -1) {
            throw new IllegalArgumentException("pid must be -1 (every process) or a process id: " + pid);
        }
    }

    /**
     * {@return a builder for probe {@code provider:name} of {@code binary}}
     *
     * @param binary the executable or shared library
     * @param provider the probe's provider
     * @param name the probe's name
     */
    public static Builder builder(Path binary, String provider, String name) {
        return new Builder(binary, provider, name);
    }

    /** Builds {@link UsdtOptions}; defaults: every process, cookie 0. */
    public static final class Builder {
        private final Path binary;
        private final String provider;
        private final String name;
        private int pid = -1;
        private long cookie;

        private Builder(Path binary, String provider, String name) {
            this.binary = binary;
            this.provider = provider;
            this.name = name;
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
         * Sets the USDT cookie.
         *
         * @param cookie the value {@code bpf_usdt_cookie()} returns
         * @return this builder
         */
        public Builder cookie(long cookie) {
            this.cookie = cookie;
            return this;
        }

        /** {@return the options} */
        public UsdtOptions build() {
            return new UsdtOptions(binary, provider, name, pid, cookie);
        }
    }
}
