package io.bpf4j.syscall;

import java.util.List;
import java.util.Objects;

/**
 * A multi-kprobe link ({@code BPF_LINK_CREATE} with {@code BPF_TRACE_KPROBE_MULTI}, Linux 5.18,
 * or {@code BPF_TRACE_KPROBE_SESSION}, 6.10): one program on many kernel functions at once,
 * through fprobe. Functions are named by symbol or by address, not both.
 *
 * @param progFd the program (loaded with expected attach type {@code BPF_TRACE_KPROBE_MULTI})
 * @param attachType {@link AttachType#TRACE_KPROBE_MULTI} or {@link AttachType#TRACE_KPROBE_SESSION}
 * @param returnProbe whether to probe returns ({@code BPF_F_KPROBE_MULTI_RETURN})
 * @param symbols the functions' names, or empty when addresses are given
 * @param addresses the functions' addresses, or empty when symbols are given
 * @param cookies one {@code bpf_get_attach_cookie()} value per function, or empty
 */
public record KprobeMultiRequest(int progFd, AttachType attachType, boolean returnProbe, List<String> symbols,
                                 long[] addresses, long[] cookies) {
    /** {@code BPF_F_KPROBE_MULTI_RETURN} (include/uapi/linux/bpf.h, 5.18). */
    public static final int BPF_F_KPROBE_MULTI_RETURN = 1;

    /** Checks the fields. */
    public KprobeMultiRequest {
        Objects.requireNonNull(attachType, "attachType");
        if (attachType != AttachType.TRACE_KPROBE_MULTI && attachType != AttachType.TRACE_KPROBE_SESSION) {
            throw new IllegalArgumentException("a multi-kprobe link is BPF_TRACE_KPROBE_MULTI or "
                    + "BPF_TRACE_KPROBE_SESSION, not " + attachType.uapiName());
        }
        symbols = List.copyOf(symbols);
        addresses = addresses.clone();
        cookies = cookies.clone();
        int count = symbols.isEmpty() ? addresses.length : symbols.size();
        if (count == 0 || (!symbols.isEmpty() && addresses.length != 0)) {
            throw new IllegalArgumentException("give either symbols or addresses, at least one");
        }
        if (cookies.length != 0 && cookies.length != count) {
            throw new IllegalArgumentException("one cookie per function: " + cookies.length + " for " + count);
        }
    }

    /** {@return how many functions are probed} */
    public int count() {
        return symbols.isEmpty() ? addresses.length : symbols.size();
    }

    /** {@return a copy of the addresses} */
    @Override
    public long[] addresses() {
        return addresses.clone();
    }

    /** {@return a copy of the cookies} */
    @Override
    public long[] cookies() {
        return cookies.clone();
    }
}
