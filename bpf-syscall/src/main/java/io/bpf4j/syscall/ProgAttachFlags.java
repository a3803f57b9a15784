package io.bpf4j.syscall;

/**
 * Flags of {@code BPF_PROG_ATTACH} and {@code BPF_PROG_DETACH} ({@code attach_flags}) and of
 * {@code BPF_LINK_CREATE} for the multi-program attach points (tcx, netkit, cgroup), as in
 * {@code include/uapi/linux/bpf.h}.
 *
 * <p>On a cgroup, no flag means one program per attach type that descendants cannot override;
 * {@link #BPF_F_ALLOW_OVERRIDE} lets a descendant's program replace this one;
 * {@link #BPF_F_ALLOW_MULTI} keeps a list of programs that all run.
 */
public final class ProgAttachFlags {
    /** {@code BPF_F_ALLOW_OVERRIDE} (4.10): a program in a sub-cgroup overrides this one. */
    public static final int BPF_F_ALLOW_OVERRIDE = 1;
    /** {@code BPF_F_ALLOW_MULTI} (4.15): every program attached with this flag runs, in order. */
    public static final int BPF_F_ALLOW_MULTI = 1 << 1;
    /** {@code BPF_F_REPLACE} (5.6): replace {@code replace_bpf_fd} atomically (with ALLOW_MULTI). */
    public static final int BPF_F_REPLACE = 1 << 2;
    /** {@code BPF_F_BEFORE} (6.6): insert before the relative program or link (tcx, netkit). */
    public static final int BPF_F_BEFORE = 1 << 3;
    /** {@code BPF_F_AFTER} (6.6): insert after the relative program or link. */
    public static final int BPF_F_AFTER = 1 << 4;
    /** {@code BPF_F_ID} (6.6): the relative object is given by id, not descriptor. */
    public static final int BPF_F_ID = 1 << 5;
    /** {@code BPF_F_LINK} (6.6): the relative object is a link. */
    public static final int BPF_F_LINK = 1 << 13;

    /** {@code BPF_F_QUERY_EFFECTIVE} (4.15), a {@code BPF_PROG_QUERY} flag: the programs that run, inherited ones included. */
    public static final int BPF_F_QUERY_EFFECTIVE = 1;

    private ProgAttachFlags() {
    }
}
