package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link TcPlugin} for a tcx link ({@code BPF_TCX_INGRESS} / {@code BPF_TCX_EGRESS},
 * Linux 6.6): the interface and direction; the program is appended to the hook's list. A
 * {@code tcx/ingress} or {@code tcx/egress} section fixes the direction; a {@code tc} or
 * {@code classifier} section takes it from here.
 *
 * @param interfaceName the interface's name, used when {@code ifindex} is 0
 * @param ifindex the interface's index, or 0
 * @param direction ingress or egress; null to take it from the section
 */
public record TcxOptions(String interfaceName, int ifindex, TcDirection direction) implements AttachOptions {

    /** Checks the fields. */
    public TcxOptions {
        if (ifindex < 0 || (ifindex == 0 && (interfaceName == null || interfaceName.isEmpty()))) {
            throw new IllegalArgumentException("give an interface name or a positive ifindex");
        }
    }

    /** {@return options for {@code interfaceName}, direction from the section} */
    public static TcxOptions of(String interfaceName) {
        return new TcxOptions(interfaceName, 0, null);
    }

    /** {@return options for {@code interfaceName} in {@code direction}} */
    public static TcxOptions of(String interfaceName, TcDirection direction) {
        return new TcxOptions(interfaceName, 0, Objects.requireNonNull(direction, "direction"));
    }
}
