package io.bpf4j.syscall.internal;

/**
 * Byte offsets into the {@code struct bpf_map_info}, {@code bpf_prog_info}, {@code bpf_link_info}
 * and {@code bpf_btf_info} that {@code BPF_OBJ_GET_INFO_BY_FD} fills ({@code
 * include/uapi/linux/bpf.h}), named after their UAPI fields and verified with {@code offsetof}
 * against the 6.1 header. The {@code *_SIZE} constants are the 6.1 struct sizes: bpf4j passes them
 * as {@code info_len}; the kernel copies {@code min(info_len, its size)} bytes.
 */
public final class BpfInfoLayout {
    private BpfInfoLayout() {
    }

    /** {@code BPF_TAG_SIZE}. */
    public static final int TAG_SIZE = 8;

    // struct bpf_map_info
    public static final int MAP_TYPE = 0;
    public static final int MAP_ID = 4;
    public static final int MAP_KEY_SIZE = 8;
    public static final int MAP_VALUE_SIZE = 12;
    public static final int MAP_MAX_ENTRIES = 16;
    public static final int MAP_MAP_FLAGS = 20;
    public static final int MAP_NAME = 24;
    public static final int MAP_IFINDEX = 40;
    public static final int MAP_BTF_VMLINUX_VALUE_TYPE_ID = 44;
    public static final int MAP_BTF_ID = 64;
    public static final int MAP_BTF_KEY_TYPE_ID = 68;
    public static final int MAP_BTF_VALUE_TYPE_ID = 72;
    public static final int MAP_MAP_EXTRA = 80;
    public static final int MAP_SIZE = 88;

    // struct bpf_prog_info
    public static final int PROG_TYPE = 0;
    public static final int PROG_ID = 4;
    public static final int PROG_TAG = 8;
    public static final int PROG_JITED_PROG_LEN = 16;
    public static final int PROG_XLATED_PROG_LEN = 20;
    public static final int PROG_JITED_PROG_INSNS = 24;
    public static final int PROG_XLATED_PROG_INSNS = 32;
    public static final int PROG_LOAD_TIME = 40;
    public static final int PROG_CREATED_BY_UID = 48;
    public static final int PROG_NR_MAP_IDS = 52;
    public static final int PROG_MAP_IDS = 56;
    public static final int PROG_NAME = 64;
    public static final int PROG_IFINDEX = 80;
    /** The 32-bit word whose bit 0 is {@code gpl_compatible}. */
    public static final int PROG_GPL_COMPATIBLE_WORD = 84;
    public static final int PROG_BTF_ID = 128;
    public static final int PROG_RUN_TIME_NS = 192;
    public static final int PROG_RUN_CNT = 200;
    public static final int PROG_RECURSION_MISSES = 208;
    public static final int PROG_VERIFIED_INSNS = 216;
    public static final int PROG_ATTACH_BTF_OBJ_ID = 220;
    public static final int PROG_ATTACH_BTF_ID = 224;
    public static final int PROG_SIZE = 232;

    // struct bpf_link_info
    public static final int LINK_TYPE = 0;
    public static final int LINK_ID = 4;
    public static final int LINK_PROG_ID = 8;
    public static final int LINK_SIZE = 48;

    // struct bpf_btf_info
    public static final int BTF_BTF = 0;
    public static final int BTF_BTF_SIZE = 8;
    public static final int BTF_ID = 12;
    public static final int BTF_NAME = 16;
    public static final int BTF_NAME_LEN = 24;
    public static final int BTF_KERNEL_BTF = 28;
    public static final int BTF_SIZE = 32;
}
