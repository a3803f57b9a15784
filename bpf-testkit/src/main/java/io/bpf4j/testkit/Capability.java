package io.bpf4j.testkit;

/**
 * The Linux capabilities BPF work needs, with their bit numbers from
 * {@code include/uapi/linux/capability.h}.
 */
public enum Capability {
    /** {@code CAP_NET_ADMIN}: XDP, tc, network namespaces. */
    NET_ADMIN(12),
    /** {@code CAP_SYS_ADMIN}: everything BPF before 5.8; bpffs mounts, namespaces. */
    SYS_ADMIN(21),
    /** {@code CAP_SYS_RESOURCE}: raising RLIMIT_MEMLOCK (kernels before 5.11 charge BPF memory to it). */
    SYS_RESOURCE(24),
    /** {@code CAP_PERFMON} (5.8): tracing programs, perf events. */
    PERFMON(38),
    /** {@code CAP_BPF} (5.8): maps and programs. */
    BPF(39);

    private final int bit;

    Capability(int bit) {
        this.bit = bit;
    }

    /** {@return the capability's bit in the capability sets} */
    public int bit() {
        return bit;
    }
}
