package io.bpf4j.syscall;

import java.util.Objects;

/**
 * A loaded program and the verifier's log of its load.
 *
 * @param fd the program
 * @param log the verifier log; empty when none was requested ({@link ProgLoadRequest#logLevel()} 0)
 */
public record ProgLoadResult(OwnedFd fd, String log) {
    /** Checks the arguments. */
    public ProgLoadResult {
        Objects.requireNonNull(fd, "fd");
        log = log == null ? "" : log;
    }
}
