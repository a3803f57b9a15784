package io.bpf4j.syscall.internal;

/**
 * Byte offsets into {@code union bpf_attr} ({@code include/uapi/linux/bpf.h}), one group per
 * anonymous struct of the union, each constant named after its UAPI field. The {@code *_SIZE}
 * constants are {@code offsetofend} of the last field bpf4j sets: the {@code size} argument of
 * {@code bpf(2)}, so an older kernel, which only checks that bytes past its own {@code bpf_attr}
 * are zero, accepts the call. All offsets verified against {@code offsetof} on x86_64 with the
 * 6.1 UAPI header; fields marked with a later version come from the running 6.18 kernel's BTF.
 */
public final class BpfAttrLayout {
    private BpfAttrLayout() {
    }

    /** {@code BPF_OBJ_NAME_LEN}: map and program names are at most 15 bytes plus NUL. */
    public static final int OBJ_NAME_LEN = 16;

    // BPF_MAP_CREATE
    public static final int MAP_CREATE_MAP_TYPE = 0;
    public static final int MAP_CREATE_KEY_SIZE = 4;
    public static final int MAP_CREATE_VALUE_SIZE = 8;
    public static final int MAP_CREATE_MAX_ENTRIES = 12;
    public static final int MAP_CREATE_MAP_FLAGS = 16;
    public static final int MAP_CREATE_INNER_MAP_FD = 20;
    public static final int MAP_CREATE_NUMA_NODE = 24;
    public static final int MAP_CREATE_MAP_NAME = 28;
    public static final int MAP_CREATE_MAP_IFINDEX = 44;
    public static final int MAP_CREATE_BTF_FD = 48;
    public static final int MAP_CREATE_BTF_KEY_TYPE_ID = 52;
    public static final int MAP_CREATE_BTF_VALUE_TYPE_ID = 56;
    public static final int MAP_CREATE_BTF_VMLINUX_VALUE_TYPE_ID = 60;
    /** {@code map_extra} (5.16). */
    public static final int MAP_CREATE_MAP_EXTRA = 64;
    public static final int MAP_CREATE_SIZE = 72;

    // BPF_MAP_*_ELEM, BPF_MAP_GET_NEXT_KEY, BPF_MAP_FREEZE
    public static final int ELEM_MAP_FD = 0;
    public static final int ELEM_KEY = 8;
    /** {@code value}, or {@code next_key} for {@code BPF_MAP_GET_NEXT_KEY}. */
    public static final int ELEM_VALUE = 16;
    public static final int ELEM_FLAGS = 24;
    public static final int ELEM_SIZE = 32;

    // BPF_PROG_LOAD
    public static final int PROG_LOAD_PROG_TYPE = 0;
    public static final int PROG_LOAD_INSN_CNT = 4;
    public static final int PROG_LOAD_INSNS = 8;
    public static final int PROG_LOAD_LICENSE = 16;
    public static final int PROG_LOAD_LOG_LEVEL = 24;
    public static final int PROG_LOAD_LOG_SIZE = 28;
    public static final int PROG_LOAD_LOG_BUF = 32;
    public static final int PROG_LOAD_KERN_VERSION = 40;
    public static final int PROG_LOAD_PROG_FLAGS = 44;
    public static final int PROG_LOAD_PROG_NAME = 48;
    public static final int PROG_LOAD_PROG_IFINDEX = 64;
    public static final int PROG_LOAD_EXPECTED_ATTACH_TYPE = 68;
    public static final int PROG_LOAD_PROG_BTF_FD = 72;
    public static final int PROG_LOAD_FUNC_INFO_REC_SIZE = 76;
    public static final int PROG_LOAD_FUNC_INFO = 80;
    public static final int PROG_LOAD_FUNC_INFO_CNT = 88;
    public static final int PROG_LOAD_LINE_INFO_REC_SIZE = 92;
    public static final int PROG_LOAD_LINE_INFO = 96;
    public static final int PROG_LOAD_LINE_INFO_CNT = 104;
    public static final int PROG_LOAD_ATTACH_BTF_ID = 108;
    /** {@code attach_prog_fd}, in a union with {@code attach_btf_obj_fd}. */
    public static final int PROG_LOAD_ATTACH_PROG_FD = 112;
    public static final int PROG_LOAD_CORE_RELO_CNT = 116;
    public static final int PROG_LOAD_FD_ARRAY = 120;
    public static final int PROG_LOAD_CORE_RELOS = 128;
    public static final int PROG_LOAD_CORE_RELO_REC_SIZE = 136;
    /** {@code log_true_size} (6.4): the log size the verifier wanted, written back by the kernel. */
    public static final int PROG_LOAD_LOG_TRUE_SIZE = 140;
    public static final int PROG_LOAD_SIZE = 144;

    // BPF_OBJ_PIN, BPF_OBJ_GET
    public static final int OBJ_PATHNAME = 0;
    public static final int OBJ_BPF_FD = 8;
    public static final int OBJ_FILE_FLAGS = 12;
    public static final int OBJ_SIZE = 16;

    // BPF_PROG_TEST_RUN ("test")
    public static final int TEST_PROG_FD = 0;
    public static final int TEST_RETVAL = 4;
    public static final int TEST_DATA_SIZE_IN = 8;
    public static final int TEST_DATA_SIZE_OUT = 12;
    public static final int TEST_DATA_IN = 16;
    public static final int TEST_DATA_OUT = 24;
    public static final int TEST_REPEAT = 32;
    public static final int TEST_DURATION = 36;
    public static final int TEST_CTX_SIZE_IN = 40;
    public static final int TEST_CTX_SIZE_OUT = 44;
    public static final int TEST_CTX_IN = 48;
    public static final int TEST_CTX_OUT = 56;
    public static final int TEST_FLAGS = 64;
    public static final int TEST_CPU = 68;
    /** {@code batch_size} (5.18). */
    public static final int TEST_BATCH_SIZE = 72;
    public static final int TEST_SIZE = 76;

    // BPF_*_GET_NEXT_ID and BPF_*_GET_FD_BY_ID (the anonymous struct with start_id)
    /** {@code start_id}, in a union with {@code prog_id}, {@code map_id}, {@code btf_id}, {@code link_id}. */
    public static final int ID_START_ID = 0;
    public static final int ID_NEXT_ID = 4;
    /** {@code open_flags} (4.15), for maps: {@code BPF_F_RDONLY}/{@code BPF_F_WRONLY}. */
    public static final int ID_OPEN_FLAGS = 8;
    public static final int ID_SIZE = 12;

    // BPF_OBJ_GET_INFO_BY_FD ("info")
    public static final int INFO_BPF_FD = 0;
    public static final int INFO_INFO_LEN = 4;
    public static final int INFO_INFO = 8;
    public static final int INFO_SIZE = 16;

    // BPF_RAW_TRACEPOINT_OPEN ("raw_tracepoint")
    public static final int RAW_TRACEPOINT_NAME = 0;
    public static final int RAW_TRACEPOINT_PROG_FD = 8;
    public static final int RAW_TRACEPOINT_SIZE = 12;

    // BPF_BTF_LOAD
    public static final int BTF_LOAD_BTF = 0;
    public static final int BTF_LOAD_BTF_LOG_BUF = 8;
    public static final int BTF_LOAD_BTF_SIZE = 16;
    public static final int BTF_LOAD_BTF_LOG_SIZE = 20;
    public static final int BTF_LOAD_BTF_LOG_LEVEL = 24;
    /** {@code btf_log_true_size} (6.4). */
    public static final int BTF_LOAD_BTF_LOG_TRUE_SIZE = 28;
    public static final int BTF_LOAD_SIZE = 32;

    // BPF_LINK_CREATE ("link_create")
    public static final int LINK_CREATE_PROG_FD = 0;
    /** {@code target_fd}, in a union with {@code target_ifindex}. */
    public static final int LINK_CREATE_TARGET_FD = 4;
    public static final int LINK_CREATE_ATTACH_TYPE = 8;
    public static final int LINK_CREATE_FLAGS = 12;
    /** {@code target_btf_id}, also {@code tracing.target_btf_id}. */
    public static final int LINK_CREATE_TARGET_BTF_ID = 16;
    /** {@code iter_info}. */
    public static final int LINK_CREATE_ITER_INFO = 16;
    /** {@code iter_info_len}. */
    public static final int LINK_CREATE_ITER_INFO_LEN = 24;
    /** {@code perf_event.bpf_cookie} (5.15). */
    public static final int LINK_CREATE_PERF_EVENT_BPF_COOKIE = 16;
    /** {@code tracing.cookie} (6.0). */
    public static final int LINK_CREATE_TRACING_COOKIE = 24;
    /** Size covering the {@code kprobe_multi} member, the largest of the 6.1 header's union. */
    public static final int LINK_CREATE_SIZE = 48;

    // BPF_LINK_DETACH ("link_detach")
    public static final int LINK_DETACH_LINK_FD = 0;
    public static final int LINK_DETACH_SIZE = 4;

    // BPF_PROG_ATTACH, BPF_PROG_DETACH ("attach" struct)
    /** {@code target_fd}, in a union with {@code target_ifindex} (6.6). */
    public static final int ATTACH_TARGET_FD = 0;
    public static final int ATTACH_ATTACH_BPF_FD = 4;
    public static final int ATTACH_ATTACH_TYPE = 8;
    public static final int ATTACH_ATTACH_FLAGS = 12;
    /** {@code replace_bpf_fd} (5.6): the program {@code BPF_F_REPLACE} swaps out. */
    public static final int ATTACH_REPLACE_BPF_FD = 16;
    public static final int ATTACH_SIZE = 20;

    // BPF_PROG_QUERY ("query" struct)
    public static final int QUERY_TARGET_FD = 0;
    public static final int QUERY_ATTACH_TYPE = 4;
    public static final int QUERY_QUERY_FLAGS = 8;
    public static final int QUERY_ATTACH_FLAGS = 12;
    public static final int QUERY_PROG_IDS = 16;
    /** {@code prog_cnt}: in, room in {@code prog_ids}; out, how many there are. */
    public static final int QUERY_PROG_CNT = 24;
    /** {@code revision} (6.6), written back for tcx and cgroup targets. */
    public static final int QUERY_REVISION = 56;
    /** Size up to {@code revision}; the kernel zero-checks nothing past its own struct. */
    public static final int QUERY_SIZE = 64;

    // BPF_ITER_CREATE ("iter_create")
    public static final int ITER_CREATE_LINK_FD = 0;
    public static final int ITER_CREATE_FLAGS = 4;
    public static final int ITER_CREATE_SIZE = 8;

    // BPF_LINK_CREATE, type-specific members of its union (each starts at 16)
    /** {@code kprobe_multi.flags} (5.18): {@code BPF_F_KPROBE_MULTI_RETURN}. */
    public static final int LINK_CREATE_KPROBE_MULTI_FLAGS = 16;
    public static final int LINK_CREATE_KPROBE_MULTI_CNT = 20;
    public static final int LINK_CREATE_KPROBE_MULTI_SYMS = 24;
    public static final int LINK_CREATE_KPROBE_MULTI_ADDRS = 32;
    public static final int LINK_CREATE_KPROBE_MULTI_COOKIES = 40;
    /** {@code uprobe_multi.path} (6.6). */
    public static final int LINK_CREATE_UPROBE_MULTI_PATH = 16;
    public static final int LINK_CREATE_UPROBE_MULTI_OFFSETS = 24;
    public static final int LINK_CREATE_UPROBE_MULTI_REF_CTR_OFFSETS = 32;
    public static final int LINK_CREATE_UPROBE_MULTI_COOKIES = 40;
    public static final int LINK_CREATE_UPROBE_MULTI_CNT = 48;
    public static final int LINK_CREATE_UPROBE_MULTI_FLAGS = 52;
    public static final int LINK_CREATE_UPROBE_MULTI_PID = 56;
    /** Size covering {@code uprobe_multi.pid}. */
    public static final int LINK_CREATE_UPROBE_MULTI_SIZE = 60;
    /** {@code netfilter.pf} (6.4). */
    public static final int LINK_CREATE_NETFILTER_PF = 16;
    public static final int LINK_CREATE_NETFILTER_HOOKNUM = 20;
    public static final int LINK_CREATE_NETFILTER_PRIORITY = 24;
    public static final int LINK_CREATE_NETFILTER_FLAGS = 28;
    /** {@code tcx.relative_fd} / {@code relative_id} (6.6); the same place in {@code netkit} and {@code cgroup} (6.12). */
    public static final int LINK_CREATE_RELATIVE_FD = 16;
    /** {@code tcx.expected_revision} (6.6). */
    public static final int LINK_CREATE_EXPECTED_REVISION = 24;
}
