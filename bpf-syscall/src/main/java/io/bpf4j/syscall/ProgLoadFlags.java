package io.bpf4j.syscall;

/** The {@code prog_flags} of {@code BPF_PROG_LOAD} ({@code include/uapi/linux/bpf.h}). */
public final class ProgLoadFlags {
    /** {@code BPF_F_STRICT_ALIGNMENT}: verify alignment as on a strict-alignment architecture. */
    public static final int BPF_F_STRICT_ALIGNMENT = 1;
    /** {@code BPF_F_ANY_ALIGNMENT}: relax alignment checks (testing only). */
    public static final int BPF_F_ANY_ALIGNMENT = 1 << 1;
    /** {@code BPF_F_TEST_RND_HI32}: randomise upper halves of 32-bit subregisters (testing). */
    public static final int BPF_F_TEST_RND_HI32 = 1 << 2;
    /** {@code BPF_F_TEST_STATE_FREQ}: prune states more often (testing). */
    public static final int BPF_F_TEST_STATE_FREQ = 1 << 3;
    /** {@code BPF_F_SLEEPABLE} (5.10): the program may sleep. */
    public static final int BPF_F_SLEEPABLE = 1 << 4;
    /** {@code BPF_F_XDP_HAS_FRAGS} (5.18): the XDP program handles multi-buffer frames. */
    public static final int BPF_F_XDP_HAS_FRAGS = 1 << 5;

    private ProgLoadFlags() {
    }
}
