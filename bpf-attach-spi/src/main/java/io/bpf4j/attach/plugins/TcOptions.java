package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link TcPlugin} for a {@code cls_bpf} filter in the {@code clsact} qdisc, attached
 * through rtnetlink in direct-action mode (the program's return value is the tc action): works
 * on every kernel with clsact (4.5), unlike tcx.
 *
 * @param interfaceName the interface's name, used when {@code ifindex} is 0
 * @param ifindex the interface's index, or 0
 * @param direction ingress or egress; null to take it from the section
 * @param priority the filter's priority, 1..65535 (lower runs first), or 0 for the kernel's choice
 * @param handle the filter's handle within its priority, or 0 for the kernel's choice
 * @param replace replace the filter at (priority, handle) instead of failing if there is one
 */
public record TcOptions(String interfaceName, int ifindex, TcDirection direction, int priority, int handle,
        boolean replace) implements AttachOptions {

    /** Checks the fields. */
    public TcOptions {
        if (ifindex < 0 || (ifindex == 0 && (interfaceName == null || interfaceName.isEmpty()))) {
            throw new IllegalArgumentException("give an interface name or a positive ifindex");
        }
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("tc priority is 0..65535: " + priority);
        }
        if (replace && (priority == 0 || handle == 0)) {
            throw new IllegalArgumentException("replacing a filter needs its priority and handle");
        }
    }

    /** {@return a filter on {@code interfaceName} in {@code direction}, priority and handle chosen by the kernel} */
    public static TcOptions of(String interfaceName, TcDirection direction) {
        return new TcOptions(interfaceName, 0, Objects.requireNonNull(direction, "direction"), 0, 0, false);
    }

    /** {@return these options at {@code priority} and {@code handle}} */
    public TcOptions at(int priority, int handle) {
        return new TcOptions(interfaceName, ifindex, direction, priority, handle, replace);
    }

    /** {@return these options replacing the filter at their priority and handle} */
    public TcOptions replacing() {
        return new TcOptions(interfaceName, ifindex, direction, priority, handle, true);
    }
}
