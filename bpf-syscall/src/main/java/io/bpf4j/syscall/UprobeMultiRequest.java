package io.bpf4j.syscall;

import java.util.Objects;

/**
 * A multi-uprobe link ({@code BPF_LINK_CREATE} with {@code BPF_TRACE_UPROBE_MULTI}, Linux 6.6):
 * one program on many offsets of one binary.
 *
 * @param progFd the program (loaded with expected attach type {@code BPF_TRACE_UPROBE_MULTI})
 * @param path the binary's path
 * @param offsets file offsets of the probed instructions
 * @param refCtrOffsets file offsets of USDT semaphores, one per offset, or empty
 * @param cookies one {@code bpf_get_attach_cookie()} value per offset, or empty
 * @param returnProbe whether to probe returns ({@code BPF_F_UPROBE_MULTI_RETURN})
 * @param pid the only process probed, or 0 for all
 */
public record UprobeMultiRequest(int progFd, String path, long[] offsets, long[] refCtrOffsets, long[] cookies,
                                 boolean returnProbe, int pid) {
    /** {@code BPF_F_UPROBE_MULTI_RETURN} (include/uapi/linux/bpf.h, 6.6). */
    public static final int BPF_F_UPROBE_MULTI_RETURN = 1;

    /** Checks the fields. */
    public UprobeMultiRequest {
        Objects.requireNonNull(path, "path");
        offsets = offsets.clone();
        refCtrOffsets = refCtrOffsets.clone();
        cookies = cookies.clone();
        if (offsets.length == 0) {
            throw new IllegalArgumentException("a multi-uprobe needs at least one offset");
        }
        if (refCtrOffsets.length != 0 && refCtrOffsets.length != offsets.length) {
            throw new IllegalArgumentException("one semaphore offset per offset, or none");
        }
        if (cookies.length != 0 && cookies.length != offsets.length) {
            throw new IllegalArgumentException("one cookie per offset, or none");
        }
        if (pid < 0) {
            throw new IllegalArgumentException("pid must be 0 (all) or a process id: " + pid);
        }
    }

    /** {@return a copy of the offsets} */
    @Override
    public long[] offsets() {
        return offsets.clone();
    }

    /** {@return a copy of the semaphore offsets} */
    @Override
    public long[] refCtrOffsets() {
        return refCtrOffsets.clone();
    }

    /** {@return a copy of the cookies} */
    @Override
    public long[] cookies() {
        return cookies.clone();
    }
}
