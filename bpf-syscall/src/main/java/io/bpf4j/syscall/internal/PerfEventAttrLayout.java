package io.bpf4j.syscall.internal;

/**
 * Byte offsets into {@code struct perf_event_attr} ({@code include/uapi/linux/perf_event.h}),
 * named after the UAPI fields (the first of each union) and verified with {@code offsetof} against
 * the 6.1 header. The struct is passed with {@code size = SIZE} ({@code PERF_ATTR_SIZE_VER7});
 * older kernels accept a larger size when the bytes they do not know are zero.
 */
public final class PerfEventAttrLayout {
    private PerfEventAttrLayout() {
    }

    public static final int TYPE = 0;
    public static final int SIZE_FIELD = 4;
    public static final int CONFIG = 8;
    /** {@code sample_period}, in a union with {@code sample_freq}. */
    public static final int SAMPLE_PERIOD = 16;
    public static final int SAMPLE_TYPE = 24;
    public static final int READ_FORMAT = 32;
    /** The 64-bit word of bit fields that starts with {@code disabled}. */
    public static final int FLAGS = 40;
    /** {@code wakeup_events}, in a union with {@code wakeup_watermark}. */
    public static final int WAKEUP_EVENTS = 48;
    public static final int BP_TYPE = 52;
    /** {@code config1}, in a union with {@code bp_addr}, {@code kprobe_func}, {@code uprobe_path}. */
    public static final int CONFIG1 = 56;
    /** {@code config2}, in a union with {@code bp_len}, {@code kprobe_addr}, {@code probe_offset}. */
    public static final int CONFIG2 = 64;
    /** {@code sizeof(struct perf_event_attr)} in the 6.1 header. */
    public static final int SIZE = 128;

    /** {@code _IO('$', 0)}. */
    public static final long PERF_EVENT_IOC_ENABLE = 0x2400L;
    /** {@code _IO('$', 1)}. */
    public static final long PERF_EVENT_IOC_DISABLE = 0x2401L;
    /** {@code _IOW('$', 8, __u32)}. */
    public static final long PERF_EVENT_IOC_SET_BPF = 0x40042408L;
    /** {@code PERF_FLAG_FD_CLOEXEC}. */
    public static final long PERF_FLAG_FD_CLOEXEC = 8L;
}
