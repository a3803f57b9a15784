package io.bpf4j.attach.plugins;

import io.bpf4j.syscall.Rtnetlink;

/**
 * Where an XDP program runs ({@code XDP_FLAGS_*_MODE}, include/uapi/linux/if_link.h).
 */
public enum XdpMode {
    /** Native if the driver has it, else generic: the kernel chooses (no mode flag). */
    DEFAULT(0),
    /** Generic XDP ({@code XDP_FLAGS_SKB_MODE}, 4.12): after the skb is built; every device has it. */
    GENERIC(Rtnetlink.XDP_FLAGS_SKB_MODE),
    /** Native XDP ({@code XDP_FLAGS_DRV_MODE}, 4.12): in the driver, before any allocation (veth has it). */
    NATIVE(Rtnetlink.XDP_FLAGS_DRV_MODE),
    /** Offloaded to the NIC ({@code XDP_FLAGS_HW_MODE}, 4.12); the program must be loaded for that device. */
    OFFLOAD(Rtnetlink.XDP_FLAGS_HW_MODE);

    private final int flag;

    XdpMode(int flag) {
        this.flag = flag;
    }

    /** {@return the mode's {@code XDP_FLAGS_*} bit, 0 for {@link #DEFAULT}} */
    public int flag() {
        return flag;
    }
}
