package io.bpf4j.syscall;

import java.util.Arrays;
import java.util.Objects;

/**
 * A route whose packets run a BPF program as their lightweight-tunnel encapsulation
 * ({@code RTA_ENCAP_TYPE = LWTUNNEL_ENCAP_BPF}, Linux 4.10): {@code ip route add <prefix> encap
 * bpf <hook> fd <prog> dev <device> table <table>}, as {@link Rtnetlink#addLwtBpfRoute} adds it
 * and {@link Rtnetlink#deleteRoute} removes it. A device route (no gateway, scope link), like
 * {@code ip route add ... dev ...}.
 *
 * @param destination the destination's network address, 4 bytes (IPv4) or 16 (IPv6), network
 *     byte order
 * @param prefixLength the prefix length, 0..32 or 0..128
 * @param ifindex the output device
 * @param table the routing table ({@link #MAIN_TABLE}: 254, as {@code ip route})
 * @param hook where the program runs
 * @param progFd the program, of the hook's program type ({@code LWT_IN}, {@code LWT_OUT},
 *     {@code LWT_XMIT}); the kernel takes its own reference
 * @param progName the name the route shows ({@code LWT_BPF_PROG_NAME}, which the kernel requires)
 */
public record LwtBpfRoute(byte[] destination, int prefixLength, int ifindex, int table, LwtHook hook, int progFd,
                          String progName) {

    /** {@code RT_TABLE_MAIN} (include/uapi/linux/rtnetlink.h). */
    public static final int MAIN_TABLE = 254;

    /** Checks and copies the fields. */
    public LwtBpfRoute {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(progName, "progName");
        if (destination.length != 4 && destination.length != 16) {
            throw new IllegalArgumentException("a destination is 4 (IPv4) or 16 (IPv6) bytes: " + destination.length);
        }
        if (prefixLength < 0 || prefixLength > destination.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + destination.length * 8);
        }
        if (ifindex <= 0) {
            throw new IllegalArgumentException("not an interface index: " + ifindex);
        }
        if (table <= 0) {
            throw new IllegalArgumentException("not a routing table: " + table);
        }
        if (progName.isEmpty()) {
            throw new IllegalArgumentException("the kernel requires a program name on an lwt route");
        }
        destination = destination.clone();
    }

    /** {@return the destination address (a copy)} */
    @Override
    public byte[] destination() {
        return destination.clone();
    }

    /** {@return whether the route is IPv6} */
    public boolean ipv6() {
        return destination.length == 16;
    }

    /** {@return the route as {@code ip route} writes it, for messages} */
    public String describe() {
        StringBuilder address = new StringBuilder();
        if (ipv6()) {
            for (int i = 0; i < 16; i += 2) {
                address.append(i == 0 ? "" : ":").append(Integer.toHexString(
                        ((destination[i] & 0xFF) << 8) | (destination[i + 1] & 0xFF)));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                address.append(i == 0 ? "" : ".").append(destination[i] & 0xFF);
            }
        }
        return address + "/" + prefixLength + " encap bpf " + hook.name().toLowerCase(java.util.Locale.ROOT) + " "
                + progName + " dev ifindex " + ifindex + " table " + table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LwtBpfRoute r && Arrays.equals(destination, r.destination) && prefixLength == r.prefixLength
                && ifindex == r.ifindex && table == r.table && hook == r.hook && progFd == r.progFd
                && progName.equals(r.progName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(destination), prefixLength, ifindex, table, hook, progFd, progName);
    }

    @Override
    public String toString() {
        return "LwtBpfRoute[" + describe() + ", prog fd " + progFd + "]";
    }
}
