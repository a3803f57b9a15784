package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link TcPlugin} for a tc action program (section {@code action},
 * {@code BPF_PROG_TYPE_SCHED_ACT}): the program becomes the one action ({@code act_bpf}) of a
 * {@code matchall} filter in the interface's {@code clsact} qdisc, so it runs for every packet of
 * the hook; closing the link deletes the filter and with it the action. Needs {@code act_bpf}
 * and {@code cls_matchall} in the kernel (built in, or their modules loaded).
 *
 * @param interfaceName the interface's name, used when {@code ifindex} is 0
 * @param ifindex the interface's index, or 0
 * @param direction ingress or egress
 * @param priority the filter's priority, 1..65535, or 0 for the kernel's choice
 * @param handle the filter's handle within its priority, or 0 for the kernel's choice
 */
public record TcActionOptions(String interfaceName, int ifindex, TcDirection direction, int priority, int handle)
        implements AttachOptions {

    /** Checks the fields. */
    public TcActionOptions {
        if (ifindex < 0 || (ifindex == 0 && (interfaceName == null || interfaceName.isEmpty()))) {
            throw new IllegalArgumentException("give an interface name or a positive ifindex");
        }
        Objects.requireNonNull(direction, "direction");
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("tc priority is 0..65535: " + priority);
        }
    }

    /** {@return an action on every packet of {@code interfaceName} in {@code direction}} */
    public static TcActionOptions of(String interfaceName, TcDirection direction) {
        return new TcActionOptions(interfaceName, 0, direction, 0, 0);
    }

    /** {@return these options with the filter at {@code priority} and {@code handle}} */
    public TcActionOptions at(int priority, int handle) {
        return new TcActionOptions(interfaceName, ifindex, direction, priority, handle);
    }
}
