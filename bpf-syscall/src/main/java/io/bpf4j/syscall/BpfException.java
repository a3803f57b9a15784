package io.bpf4j.syscall;

import io.bpf4j.syscall.internal.LogSummary;

import java.util.List;
import java.util.Optional;

/**
 * A system call failed. Carries the call ({@code "bpf(BPF_MAP_CREATE)"}), the errno, a detail
 * naming the object concerned and, for program and BTF loads, the kernel's whole log.
 *
 * <p>The message reads {@code bpf(BPF_MAP_CREATE) failed: EPERM (Operation not permitted)},
 * followed by {@code ": "} and the detail when there is one, followed by the last meaningful lines
 * of the log (one per line, indented by a tab) when there is a log. {@link #log()} keeps all of it.
 */
public final class BpfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String detail;
    private final String log;

    /**
     * @param call the failed call as it is printed, e.g. {@code "bpf(BPF_PROG_LOAD)"}
     * @param errno the kernel's error number
     * @param detail what the call was about (e.g. {@code "program xdp_pass"}); may be null or empty
     * @param log the kernel's log (verifier or BTF), whole; null if none was captured
     */
    public BpfException(String call, int errno, String detail, String log) {
        super(message(call, errno, detail, log));
        this.call = call;
        this.errno = errno;
        this.detail = detail == null ? "" : detail;
        this.log = log == null || log.isEmpty() ? null : log;
    }

    private static String message(String call, int errno, String detail, String log) {
        StringBuilder sb = new StringBuilder(call).append(" failed: ")
                .append(Errno.name(errno)).append(" (").append(Errno.describe(errno)).append(')');
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        List<String> lines = LogSummary.lastMeaningfulLines(log);
        for (String line : lines) {
            sb.append("\n\t").append(line);
        }
        return sb.toString();
    }

    /** {@return the failed call, e.g. {@code "bpf(BPF_MAP_CREATE)"}} */
    public String call() {
        return call;
    }

    /** {@return the kernel's error number} */
    public int errno() {
        return errno;
    }

    /** {@return the symbolic errno, e.g. {@code "EPERM"}} */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** {@return what the call was about; empty if nothing was said} */
    public String detail() {
        return detail;
    }

    /** {@return the kernel's whole log (verifier or BTF), if one was captured and is not empty} */
    public Optional<String> log() {
        return Optional.ofNullable(log);
    }
}
