package io.bpf4j.syscall;

/**
 * The commands of {@code bpf(2)} ({@code enum bpf_cmd}), the first argument of the system call.
 *
 * <p>Values mirror {@code enum bpf_cmd} in {@code include/uapi/linux/bpf.h}, complete as of
 * the running kernel 6.18 (the constants after the local 6.1 header's last were read from
 * {@code /sys/kernel/btf/vmlinux}). "Since" names the first mainline kernel with the constant,
 * where known.
 */
public enum BpfCommand {
    /** {@code BPF_MAP_CREATE} (since 3.18). */
    MAP_CREATE(0),
    /** {@code BPF_MAP_LOOKUP_ELEM} (since 3.18). */
    MAP_LOOKUP_ELEM(1),
    /** {@code BPF_MAP_UPDATE_ELEM} (since 3.18). */
    MAP_UPDATE_ELEM(2),
    /** {@code BPF_MAP_DELETE_ELEM} (since 3.18). */
    MAP_DELETE_ELEM(3),
    /** {@code BPF_MAP_GET_NEXT_KEY} (since 3.18). */
    MAP_GET_NEXT_KEY(4),
    /** {@code BPF_PROG_LOAD} (since 3.18). */
    PROG_LOAD(5),
    /** {@code BPF_OBJ_PIN} (since 4.4). */
    OBJ_PIN(6),
    /** {@code BPF_OBJ_GET} (since 4.4). */
    OBJ_GET(7),
    /** {@code BPF_PROG_ATTACH} (since 4.10). */
    PROG_ATTACH(8),
    /** {@code BPF_PROG_DETACH} (since 4.10). */
    PROG_DETACH(9),
    /** {@code BPF_PROG_TEST_RUN} (since 4.12). The UAPI also spells it {@code BPF_PROG_RUN}. */
    PROG_TEST_RUN(10),
    /** {@code BPF_PROG_GET_NEXT_ID} (since 4.13). */
    PROG_GET_NEXT_ID(11),
    /** {@code BPF_MAP_GET_NEXT_ID} (since 4.13). */
    MAP_GET_NEXT_ID(12),
    /** {@code BPF_PROG_GET_FD_BY_ID} (since 4.13). */
    PROG_GET_FD_BY_ID(13),
    /** {@code BPF_MAP_GET_FD_BY_ID} (since 4.13). */
    MAP_GET_FD_BY_ID(14),
    /** {@code BPF_OBJ_GET_INFO_BY_FD} (since 4.13). */
    OBJ_GET_INFO_BY_FD(15),
    /** {@code BPF_PROG_QUERY} (since 4.15). */
    PROG_QUERY(16),
    /** {@code BPF_RAW_TRACEPOINT_OPEN} (since 4.17). */
    RAW_TRACEPOINT_OPEN(17),
    /** {@code BPF_BTF_LOAD} (since 4.18). */
    BTF_LOAD(18),
    /** {@code BPF_BTF_GET_FD_BY_ID} (since 4.18). */
    BTF_GET_FD_BY_ID(19),
    /** {@code BPF_TASK_FD_QUERY} (since 4.18). */
    TASK_FD_QUERY(20),
    /** {@code BPF_MAP_LOOKUP_AND_DELETE_ELEM} (since 4.20). */
    MAP_LOOKUP_AND_DELETE_ELEM(21),
    /** {@code BPF_MAP_FREEZE} (since 5.2). */
    MAP_FREEZE(22),
    /** {@code BPF_BTF_GET_NEXT_ID} (since 5.4). */
    BTF_GET_NEXT_ID(23),
    /** {@code BPF_MAP_LOOKUP_BATCH} (since 5.6). */
    MAP_LOOKUP_BATCH(24),
    /** {@code BPF_MAP_LOOKUP_AND_DELETE_BATCH} (since 5.6). */
    MAP_LOOKUP_AND_DELETE_BATCH(25),
    /** {@code BPF_MAP_UPDATE_BATCH} (since 5.6). */
    MAP_UPDATE_BATCH(26),
    /** {@code BPF_MAP_DELETE_BATCH} (since 5.6). */
    MAP_DELETE_BATCH(27),
    /** {@code BPF_LINK_CREATE} (since 5.7). */
    LINK_CREATE(28),
    /** {@code BPF_LINK_UPDATE} (since 5.7). */
    LINK_UPDATE(29),
    /** {@code BPF_LINK_GET_FD_BY_ID} (since 5.8). */
    LINK_GET_FD_BY_ID(30),
    /** {@code BPF_LINK_GET_NEXT_ID} (since 5.8). */
    LINK_GET_NEXT_ID(31),
    /** {@code BPF_ENABLE_STATS} (since 5.8). */
    ENABLE_STATS(32),
    /** {@code BPF_ITER_CREATE} (since 5.8). */
    ITER_CREATE(33),
    /** {@code BPF_LINK_DETACH} (since 5.9). */
    LINK_DETACH(34),
    /** {@code BPF_PROG_BIND_MAP} (since 5.10). */
    PROG_BIND_MAP(35),
    /** {@code BPF_TOKEN_CREATE} (since 6.9). */
    TOKEN_CREATE(36),
    /** {@code BPF_PROG_STREAM_READ_BY_FD}. */
    PROG_STREAM_READ_BY_FD(37);

    private static final BpfCommand[] BY_VALUE;

    static {
        int max = 0;
        for (BpfCommand t : values()) {
            max = Math.max(max, t.value);
        }
        BY_VALUE = new BpfCommand[max + 1];
        for (BpfCommand t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;

    BpfCommand(int value) {
        this.value = value;
    }

    /** {@return the kernel's numeric value} */
    public int value() {
        return value;
    }

    /** {@return the UAPI name, e.g. {@code BPF_MAP_LOOKUP_ELEM}} */
    public String uapiName() {
        return "BPF_" + name();
    }

    /**
     * {@return the constant with the kernel's numeric value {@code value}}
     *
     * @throws IllegalArgumentException if bpf4j does not know the value (a kernel newer than 6.18)
     */
    public static BpfCommand of(int value) {
        if (value >= 0 && value < BY_VALUE.length && BY_VALUE[value] != null) {
            return BY_VALUE[value];
        }
        throw new IllegalArgumentException("unknown bpf_cmd value " + value
                + " (bpf4j knows " + BpfCommand.class.getSimpleName() + " values 0.." + (BY_VALUE.length - 1)
                + " as of Linux 6.18)");
    }
}
