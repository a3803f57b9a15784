package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.util.Objects;

/**
 * Options of {@link XdpPlugin}: the interface, the mode, and the mechanism.
 *
 * @param interfaceName the interface's name, used when {@code ifindex} is 0
 * @param ifindex the interface's index, or 0 to look {@code interfaceName} up
 * @param mode where the program runs
 * @param netlink attach through rtnetlink ({@code IFLA_XDP}, Linux 4.8) instead of a
 *     {@code bpf_link} (5.9); only netlink can replace a program in place
 * @param replaceProgFd with {@code netlink}: the program expected to be attached now, replaced
 *     atomically ({@code XDP_FLAGS_REPLACE}, 5.7); 0 to attach only if none is
 *     ({@code XDP_FLAGS_UPDATE_IF_NOEXIST})
 */
public record XdpOptions(String interfaceName, int ifindex, XdpMode mode, boolean netlink, int replaceProgFd)
        implements AttachOptions {

    /** Checks the fields. */
    public XdpOptions {
        Objects.requireNonNull(mode, "mode");
        if (ifindex < 0 || (ifindex == 0 && (interfaceName == null || interfaceName.isEmpty()))) {
            throw new IllegalArgumentException("give an interface name or a positive ifindex");
        }
        if (replaceProgFd < 0) {
            throw new IllegalArgumentException("replaceProgFd must be a descriptor or 0: " + replaceProgFd);
        }
        if (replaceProgFd != 0 && !netlink) {
            throw new IllegalArgumentException("replacing a program in place needs netlink; an XDP bpf_link is"
                    + " updated with BPF_LINK_UPDATE instead");
        }
    }

    /** {@return a bpf_link on {@code interfaceName} in the kernel's default mode} */
    public static XdpOptions of(String interfaceName) {
        return new XdpOptions(interfaceName, 0, XdpMode.DEFAULT, false, 0);
    }

    /** {@return these options in {@code mode}} */
    public XdpOptions mode(XdpMode mode) {
        return new XdpOptions(interfaceName, ifindex, mode, netlink, replaceProgFd);
    }

    /** {@return these options through netlink instead of a bpf_link} */
    public XdpOptions viaNetlink() {
        return new XdpOptions(interfaceName, ifindex, mode, true, replaceProgFd);
    }

    /** {@return these options through netlink, replacing the program {@code expectedProgFd} in place} */
    public XdpOptions replacing(int expectedProgFd) {
        return new XdpOptions(interfaceName, ifindex, mode, true, expectedProgFd);
    }
}
