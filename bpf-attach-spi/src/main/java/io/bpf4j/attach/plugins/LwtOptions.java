package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import io.bpf4j.syscall.LwtBpfRoute;
import java.util.Objects;

/**
 * Options of {@link LwtPlugin}: the route the program becomes the encapsulation of. Attaching
 * adds the route ({@code ip route add <prefix> encap bpf <hook> ... dev <device> table <table>},
 * done through rtnetlink), closing the link deletes it; the route must not exist before.
 *
 * @param prefix the destination, {@code "10.77.0.0/24"} or {@code "fd00::/64"} (numeric; a bare
 *     address is a host route)
 * @param interfaceName the output device's name, used when {@code ifindex} is 0
 * @param ifindex the output device's index, or 0
 * @param table the routing table, {@link LwtBpfRoute#MAIN_TABLE} by default
 */
public record LwtOptions(String prefix, String interfaceName, int ifindex, int table) implements AttachOptions {

    /** Checks the fields (the prefix is parsed at attach). */
    public LwtOptions {
        Objects.requireNonNull(prefix, "prefix");
        if (ifindex < 0 || (ifindex == 0 && (interfaceName == null || interfaceName.isEmpty()))) {
            throw new IllegalArgumentException("give an interface name or a positive ifindex");
        }
        if (table <= 0) {
            throw new IllegalArgumentException("not a routing table: " + table);
        }
    }

    /** {@return options for a route to {@code prefix} through {@code interfaceName} in the main table} */
    public static LwtOptions route(String prefix, String interfaceName) {
        return new LwtOptions(prefix, interfaceName, 0, LwtBpfRoute.MAIN_TABLE);
    }

    /** {@return these options with the route in routing table {@code table}} */
    public LwtOptions inTable(int table) {
        return new LwtOptions(prefix, interfaceName, ifindex, table);
    }
}
