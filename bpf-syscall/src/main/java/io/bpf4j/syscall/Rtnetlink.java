package io.bpf4j.syscall;

import io.bpf4j.syscall.internal.NetlinkWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing-netlink requests bpf4j attaches with when there is no {@code bpf_link} for it
 * (rtnetlink(7)): XDP on an interface ({@code RTM_SETLINK} with {@code IFLA_XDP}, Linux 4.8);
 * tc's {@code clsact} qdisc (4.5) with {@code cls_bpf} filters in direct-action mode (4.4) or
 * {@code matchall} filters whose action is a BPF program ({@code act_bpf}); routes with BPF
 * encapsulation ({@link LwtBpfRoute}, 4.10); and netkit device pairs ({@link #addNetkitPair},
 * 6.7), the devices netkit programs attach to. All
 * done in Java over a {@link NetlinkSocket}; bpf4j never runs {@code ip} or {@code tc}.
 *
 * <p>Requests apply to the network namespace the socket was opened in: the calling thread's at
 * {@link #open()}. Not thread-safe.
 */
public final class Rtnetlink implements AutoCloseable {
    // Message types (include/uapi/linux/rtnetlink.h).
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_NEWQDISC = 36;
    static final int RTM_DELQDISC = 37;
    static final int RTM_NEWTFILTER = 44;
    static final int RTM_DELTFILTER = 45;
    static final int RTM_GETTFILTER = 46;
    // Flags (include/uapi/linux/netlink.h).
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_ECHO = 0x8;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    // Link attributes (include/uapi/linux/if_link.h).
    static final int IFLA_IFNAME = 3;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    // netkit (include/uapi/linux/if_link.h, 6.7).
    static final int IFLA_NETKIT_PEER_INFO = 1;
    static final int IFLA_NETKIT_MODE = 5;
    static final int NETKIT_L2 = 0;
    static final int NETKIT_L3 = 1;
    static final int IFLA_XDP = 43;
    static final int IFLA_XDP_FD = 1;
    static final int IFLA_XDP_ATTACHED = 2;
    static final int IFLA_XDP_FLAGS = 3;
    static final int IFLA_XDP_PROG_ID = 4;
    static final int IFLA_XDP_DRV_PROG_ID = 5;
    static final int IFLA_XDP_SKB_PROG_ID = 6;
    static final int IFLA_XDP_HW_PROG_ID = 7;
    static final int IFLA_XDP_EXPECTED_FD = 8;
    // tc (include/uapi/linux/rtnetlink.h, pkt_sched.h, pkt_cls.h).
    static final int TCA_KIND = 1;
    static final int TCA_OPTIONS = 2;
    static final int TCA_BPF_FD = 6;
    static final int TCA_BPF_NAME = 7;
    static final int TCA_BPF_FLAGS = 8;
    static final int TCA_BPF_ID = 11;
    static final int TCA_BPF_FLAG_ACT_DIRECT = 1;
    // tc actions (include/uapi/linux/pkt_cls.h, tc_act/tc_bpf.h).
    static final int TCA_MATCHALL_ACT = 2;
    static final int TCA_ACT_KIND = 1;
    static final int TCA_ACT_OPTIONS = 2;
    static final int TCA_ACT_BPF_PARMS = 2;
    static final int TCA_ACT_BPF_FD = 5;
    static final int TCA_ACT_BPF_NAME = 6;
    static final int TC_ACT_PIPE = 3;
    static final int ETH_P_ALL = 0x0003;
    // Routes (include/uapi/linux/rtnetlink.h, socket.h, lwtunnel.h).
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int RT_TABLE_UNSPEC = 0;
    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_LINK = 253;
    static final int RTN_UNICAST = 1;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_TABLE = 15;
    static final int RTA_ENCAP_TYPE = 21;
    static final int RTA_ENCAP = 22;
    static final int LWTUNNEL_ENCAP_BPF = 6;
    static final int LWT_BPF_PROG_FD = 1;
    static final int LWT_BPF_PROG_NAME = 2;

    /** {@code XDP_FLAGS_UPDATE_IF_NOEXIST}: fail with {@code EBUSY} if a program is attached. */
    public static final int XDP_FLAGS_UPDATE_IF_NOEXIST = 1;
    /** {@code XDP_FLAGS_SKB_MODE}: generic XDP, in the stack after the skb is built (4.12). */
    public static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    /** {@code XDP_FLAGS_DRV_MODE}: native XDP, in the driver (4.12). */
    public static final int XDP_FLAGS_DRV_MODE = 1 << 2;
    /** {@code XDP_FLAGS_HW_MODE}: offloaded to the NIC (4.12). */
    public static final int XDP_FLAGS_HW_MODE = 1 << 3;
    /** {@code XDP_FLAGS_REPLACE}: replace the program given as expected (5.7). */
    public static final int XDP_FLAGS_REPLACE = 1 << 4;

    /** {@code TC_H_CLSACT}, the clsact qdisc's parent ({@code TC_H_INGRESS} share the value). */
    public static final int TC_H_CLSACT = 0xFFFFFFF1;
    /** The clsact qdisc's handle, {@code TC_H_MAKE(TC_H_CLSACT, 0)}. */
    public static final int CLSACT_HANDLE = 0xFFFF0000;
    /** {@code TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS)}: clsact's ingress hook. */
    public static final int TC_PARENT_INGRESS = 0xFFFFFFF2;
    /** {@code TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS)}: clsact's egress hook. */
    public static final int TC_PARENT_EGRESS = 0xFFFFFFF3;

    private final NetlinkSocket socket;

    private Rtnetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** {@return an rtnetlink socket in the calling thread's network namespace} */
    public static Rtnetlink open() {
        return new Rtnetlink(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE));
    }

    // ---------------------------------------------------------------- XDP

    /**
     * Attaches, replaces or detaches the XDP program of an interface ({@code RTM_SETLINK},
     * {@code IFLA_XDP}).
     *
     * @param ifindex the interface
     * @param progFd the program, or -1 to detach
     * @param flags {@code XDP_FLAGS_*}: a mode ({@link #XDP_FLAGS_SKB_MODE},
     *     {@link #XDP_FLAGS_DRV_MODE}, {@link #XDP_FLAGS_HW_MODE}; none lets the kernel choose
     *     native, else generic), {@link #XDP_FLAGS_UPDATE_IF_NOEXIST}, {@link #XDP_FLAGS_REPLACE}
     * @param expectedFd with {@link #XDP_FLAGS_REPLACE}, the program expected to be attached now
     *     (-1 for none); else ignored
     * @throws BpfException e.g. {@code EBUSY} when another program or a bpf_link holds the hook,
     *     {@code EEXIST} with {@code UPDATE_IF_NOEXIST}, {@code EOPNOTSUPP} for a mode the driver lacks
     */
    public void setXdp(int ifindex, int progFd, int flags, int expectedFd) {
        NetlinkWriter w = new NetlinkWriter(RTM_SETLINK, NLM_F_ACK).header(ifinfomsg(ifindex))
                .begin(IFLA_XDP)
                .u32(IFLA_XDP_FD, progFd);
        if (flags != 0) {
            w.u32(IFLA_XDP_FLAGS, flags);
        }
        if ((flags & XDP_FLAGS_REPLACE) != 0) {
            w.u32(IFLA_XDP_EXPECTED_FD, expectedFd);
        }
        w.end();
        send(w, "RTM_SETLINK", "XDP " + (progFd < 0 ? "detach" : "prog fd " + progFd) + " on ifindex " + ifindex
                + " (flags 0x" + Integer.toHexString(flags) + ")");
    }

    /**
     * {@return the XDP program attached to an interface in the given mode ({@code RTM_GETLINK}):
     * its id, or empty when none}
     *
     * @param mode {@link #XDP_FLAGS_SKB_MODE}, {@link #XDP_FLAGS_DRV_MODE},
     *     {@link #XDP_FLAGS_HW_MODE}, or 0 for whichever is attached
     */
    public Optional<Integer> xdpProgramId(int ifindex, int mode) {
        NetlinkWriter w = new NetlinkWriter(RTM_GETLINK, NLM_F_ACK).header(ifinfomsg(ifindex));
        for (ByteBuffer message : send(w, "RTM_GETLINK", "ifindex " + ifindex)) {
            if (Short.toUnsignedInt(message.getShort(4)) != RTM_NEWLINK || message.getInt(16 + 4) != ifindex) {
                continue;
            }
            NetlinkAttributes xdp = NetlinkAttributes.parse(message, NetlinkWriter.HEADER_SIZE + 16, message.limit())
                    .nested(IFLA_XDP);
            int attribute = switch (mode) {
                case XDP_FLAGS_SKB_MODE -> IFLA_XDP_SKB_PROG_ID;
                case XDP_FLAGS_DRV_MODE -> IFLA_XDP_DRV_PROG_ID;
                case XDP_FLAGS_HW_MODE -> IFLA_XDP_HW_PROG_ID;
                case 0 -> IFLA_XDP_PROG_ID;
                default -> throw new IllegalArgumentException("mode must be one XDP_FLAGS_*_MODE or 0: " + mode);
            };
            Optional<Integer> id = xdp.u32(attribute);
            if (id.isEmpty() && mode != 0) {
                // With one program attached the kernel reports IFLA_XDP_PROG_ID and the mode in ATTACHED.
                int attached = xdp.u8(IFLA_XDP_ATTACHED).orElse(0);
                int wanted = switch (mode) {
                    case XDP_FLAGS_DRV_MODE -> 1;   // XDP_ATTACHED_DRV
                    case XDP_FLAGS_SKB_MODE -> 2;   // XDP_ATTACHED_SKB
                    default -> 3;                   // XDP_ATTACHED_HW
                };
                if (attached == wanted) {
                    id = xdp.u32(IFLA_XDP_PROG_ID);
                }
            }
            return id.filter(v -> v != 0);
        }
        throw new BpfException("netlink(RTM_GETLINK)", Errno.ENODEV, "no answer for ifindex " + ifindex, null);
    }

    private static byte[] ifinfomsg(int ifindex) {
        // struct ifinfomsg: family u8 (AF_UNSPEC), pad, type u16, index s32, flags u32, change u32.
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, ifindex).array();
    }

    // ---------------------------------------------------------------- tc

    /**
     * Adds the {@code clsact} qdisc to an interface ({@code RTM_NEWQDISC}), which gives it the
     * ingress and egress hooks of {@link #addBpfFilter}.
     *
     * @return true if added, false if the interface had one already
     */
    public boolean addClsact(int ifindex) {
        NetlinkWriter w = new NetlinkWriter(RTM_NEWQDISC, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                .header(tcmsg(ifindex, CLSACT_HANDLE, TC_H_CLSACT, 0))
                .string(TCA_KIND, "clsact");
        try {
            send(w, "RTM_NEWQDISC", "clsact on ifindex " + ifindex);
            return true;
        } catch (BpfException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    /** Removes the {@code clsact} qdisc of an interface, and every filter in it ({@code RTM_DELQDISC}). */
    public void deleteClsact(int ifindex) {
        NetlinkWriter w = new NetlinkWriter(RTM_DELQDISC, NLM_F_ACK)
                .header(tcmsg(ifindex, CLSACT_HANDLE, TC_H_CLSACT, 0))
                .string(TCA_KIND, "clsact");
        send(w, "RTM_DELQDISC", "clsact on ifindex " + ifindex);
    }

    /**
     * Adds (or replaces) a {@code cls_bpf} filter running a {@code SCHED_CLS} program
     * ({@code RTM_NEWTFILTER}), in direct-action mode: the program's return value is the action.
     *
     * @param parent {@link #TC_PARENT_INGRESS} or {@link #TC_PARENT_EGRESS}
     * @param priority 1..65535; 0 lets the kernel choose
     * @param handle non-zero, or 0 to let the kernel choose
     * @param name shown by {@code tc filter show}, e.g. the program's name
     * @param replace replace the filter at (priority, handle) instead of failing with {@code EEXIST}
     * @return the filter as the kernel created it (with the priority and handle it chose)
     */
    public TcFilter addBpfFilter(int ifindex, int parent, int priority, int handle, int progFd, String name,
                                 boolean replace) {
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("tc priority is 0..65535: " + priority);
        }
        int flags = NLM_F_ACK | NLM_F_ECHO | NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL);
        NetlinkWriter w = new NetlinkWriter(RTM_NEWTFILTER, flags)
                .header(tcmsg(ifindex, handle, parent, filterInfo(priority)))
                .string(TCA_KIND, "bpf")
                .begin(TCA_OPTIONS)
                .u32(TCA_BPF_FD, progFd)
                .string(TCA_BPF_NAME, name)
                .u32(TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT)
                .end();
        List<ByteBuffer> echoed = send(w, "RTM_NEWTFILTER", "cls_bpf prog fd " + progFd + " on ifindex " + ifindex
                + " parent 0x" + Integer.toHexString(parent) + " priority " + priority + " handle 0x"
                + Integer.toHexString(handle));
        for (ByteBuffer message : echoed) {
            TcFilter filter = filter(message);
            if (filter != null) {
                return filter;
            }
        }
        return new TcFilter(parent, priority, handle, "bpf", 0, name);
    }

    /**
     * Adds (or replaces) a {@code matchall} filter (Linux 4.8) whose one action is a BPF program
     * ({@code act_bpf}, {@code SCHED_ACT}, 4.1): {@code tc filter add dev <dev> ingress|egress
     * prio <p> handle <h> matchall action bpf fd <prog>}. The program runs for every packet of the
     * hook; its return value is the action's verdict ({@code TC_ACT_*}), and {@code TC_ACT_PIPE}
     * (which the action also falls back to) lets the packet go on.
     *
     * @param parent {@link #TC_PARENT_INGRESS} or {@link #TC_PARENT_EGRESS}
     * @param priority 1..65535; 0 lets the kernel choose
     * @param handle non-zero, or 0 to let the kernel choose
     * @param name shown by {@code tc filter show} and {@code tc actions ls}, e.g. the program's name
     * @param replace replace the filter at (priority, handle) instead of failing with {@code EEXIST}
     * @return the filter as the kernel created it (with the priority and handle it chose)
     * @throws BpfException e.g. {@code ENOENT} or {@code EOPNOTSUPP} when the kernel has no
     *     {@code cls_matchall} or {@code act_bpf} (not built in and not loaded)
     */
    public TcFilter addBpfActionFilter(int ifindex, int parent, int priority, int handle, int progFd, String name,
                                       boolean replace) {
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("tc priority is 0..65535: " + priority);
        }
        // struct tc_act_bpf is tc_gen: index u32 (0: a new action), capab u32, action s32, refcnt s32, bindcnt s32.
        byte[] parms = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).putInt(8, TC_ACT_PIPE).array();
        int flags = NLM_F_ACK | NLM_F_ECHO | NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL);
        NetlinkWriter w = new NetlinkWriter(RTM_NEWTFILTER, flags)
                .header(tcmsg(ifindex, handle, parent, filterInfo(priority)))
                .string(TCA_KIND, "matchall")
                .begin(TCA_OPTIONS)
                .begin(TCA_MATCHALL_ACT)
                .begin(1)                                     // the first action of the list
                .string(TCA_ACT_KIND, "bpf")
                .begin(TCA_ACT_OPTIONS)
                .attribute(TCA_ACT_BPF_PARMS, parms)
                .u32(TCA_ACT_BPF_FD, progFd)
                .string(TCA_ACT_BPF_NAME, name)
                .end()
                .end()
                .end()
                .end();
        List<ByteBuffer> echoed = send(w, "RTM_NEWTFILTER", "matchall + act_bpf prog fd " + progFd + " on ifindex "
                + ifindex + " parent 0x" + Integer.toHexString(parent) + " priority " + priority + " handle 0x"
                + Integer.toHexString(handle));
        for (ByteBuffer message : echoed) {
            TcFilter filter = filter(message);
            if (filter != null) {
                return new TcFilter(filter.parent(), filter.priority(), filter.handle(), filter.kind(), 0, name);
            }
        }
        return new TcFilter(parent, priority, handle, "matchall", 0, name);
    }

    /**
     * Deletes the filter at (priority, handle) of a hook ({@code RTM_DELTFILTER}).
     *
     * @throws BpfException {@code ENOENT} if there is none
     */
    public void deleteFilter(int ifindex, int parent, int priority, int handle) {
        NetlinkWriter w = new NetlinkWriter(RTM_DELTFILTER, NLM_F_ACK)
                .header(tcmsg(ifindex, handle, parent, filterInfo(priority)));
        send(w, "RTM_DELTFILTER", "filter priority " + priority + " handle 0x" + Integer.toHexString(handle)
                + " on ifindex " + ifindex);
    }

    /** {@return the filters of a hook ({@code RTM_GETTFILTER} dump); empty when it has no clsact} */
    public List<TcFilter> filters(int ifindex, int parent) {
        NetlinkWriter w = new NetlinkWriter(RTM_GETTFILTER, NLM_F_DUMP).header(tcmsg(ifindex, 0, parent, 0));
        List<TcFilter> filters = new ArrayList<>();
        List<ByteBuffer> messages;
        try {
            messages = send(w, "RTM_GETTFILTER", "ifindex " + ifindex);
        } catch (BpfException e) {
            if (e.errno() == Errno.EINVAL || e.errno() == Errno.ENOENT) {
                return filters;
            }
            throw e;
        }
        for (ByteBuffer message : messages) {
            TcFilter filter = filter(message);
            if (filter != null) {
                filters.add(filter);
            }
        }
        return filters;
    }

    private static TcFilter filter(ByteBuffer message) {
        if (Short.toUnsignedInt(message.getShort(4)) != RTM_NEWTFILTER) {
            return null;
        }
        int base = NetlinkWriter.HEADER_SIZE;
        int handle = message.getInt(base + 8);
        int parent = message.getInt(base + 12);
        int info = message.getInt(base + 16);
        NetlinkAttributes attributes = NetlinkAttributes.parse(message, base + 20, message.limit());
        String kind = attributes.string(TCA_KIND).orElse("");
        NetlinkAttributes options = attributes.nested(TCA_OPTIONS);
        return new TcFilter(parent, info >>> 16, handle, kind, options.u32(TCA_BPF_ID).orElse(0),
                options.string(TCA_BPF_NAME).orElse(""));
    }

    private static int filterInfo(int priority) {
        // tcm_info: priority in the upper 16 bits, the protocol (network byte order) in the lower.
        return (priority << 16) | Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL));
    }

    private static byte[] tcmsg(int ifindex, int handle, int parent, int info) {
        // struct tcmsg: family u8, pad u8, pad u16, ifindex s32, handle u32, parent u32, info u32.
        return ByteBuffer.allocate(20).order(ByteOrder.nativeOrder())
                .putInt(4, ifindex).putInt(8, handle).putInt(12, parent).putInt(16, info).array();
    }

    // ---------------------------------------------------------------- links

    /**
     * Creates a netkit device pair ({@code RTM_NEWLINK} of kind {@code netkit}, Linux 6.7): what
     * {@code ip link add <primary> type netkit mode l3|l2 peer name <peer>} does (iproute2 6.7).
     * Both ends start down, in the calling thread's network namespace; BPF programs attach to the
     * primary ({@code BPF_NETKIT_PRIMARY}, {@code BPF_NETKIT_PEER}).
     *
     * @param primary the primary device's name
     * @param peer the peer device's name
     * @param layer2 true for {@code NETKIT_L2} (an Ethernet device), false for {@code NETKIT_L3} (the
     *     kernel's default: no link-layer header, no ARP)
     * @throws BpfException {@code EOPNOTSUPP} when the kernel has no netkit ({@code CONFIG_NETKIT}),
     *     {@code EEXIST} when a name is taken
     */
    public void addNetkitPair(String primary, String peer, boolean layer2) {
        // IFLA_NETKIT_PEER_INFO is a struct ifinfomsg followed by the peer's own link attributes.
        NetlinkWriter peerInfo = new NetlinkWriter(0, 0).header(ifinfomsg(0)).string(IFLA_IFNAME, peer);
        byte[] peerBytes = peerInfo.bytes(0);
        NetlinkWriter w = new NetlinkWriter(RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL).header(ifinfomsg(0))
                .string(IFLA_IFNAME, primary)
                .begin(IFLA_LINKINFO)
                .string(IFLA_INFO_KIND, "netkit")
                .begin(IFLA_INFO_DATA)
                .attribute(IFLA_NETKIT_PEER_INFO, java.util.Arrays.copyOfRange(peerBytes, NetlinkWriter.HEADER_SIZE,
                        peerBytes.length))
                .u32(IFLA_NETKIT_MODE, layer2 ? NETKIT_L2 : NETKIT_L3)
                .end()
                .end();
        send(w, "RTM_NEWLINK", "netkit " + primary + " peer " + peer);
    }

    /**
     * Deletes a network device ({@code RTM_DELLINK}); a pair (veth, netkit) goes with its peer.
     *
     * @throws BpfException {@code ENODEV} when there is no such device
     */
    public void deleteLink(int ifindex) {
        send(new NetlinkWriter(RTM_DELLINK, NLM_F_ACK).header(ifinfomsg(ifindex)), "RTM_DELLINK", "ifindex " + ifindex);
    }

    // ---------------------------------------------------------------- routes with BPF encapsulation

    /**
     * Adds a route whose packets run a BPF program ({@code RTM_NEWROUTE} with {@code RTA_ENCAP_TYPE}
     * {@code LWTUNNEL_ENCAP_BPF} and {@code RTA_ENCAP}, Linux 4.10): what {@code ip route add
     * <prefix> encap bpf <hook> ... dev <device>} does.
     *
     * @throws BpfException e.g. {@code EEXIST} when the table has that route already,
     *     {@code EINVAL} when the program's type does not fit the hook, {@code EOPNOTSUPP} without
     *     {@code CONFIG_LWTUNNEL_BPF}
     */
    public void addLwtBpfRoute(LwtBpfRoute route) {
        NetlinkWriter w = routeMessage(RTM_NEWROUTE, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, route)
                .u16(RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_BPF)
                .begin(RTA_ENCAP)
                .begin(route.hook().attribute())
                .u32(LWT_BPF_PROG_FD, route.progFd())
                .string(LWT_BPF_PROG_NAME, route.progName())
                .end()
                .end();
        send(w, "RTM_NEWROUTE", route.describe());
    }

    /**
     * Deletes the route {@code route} names (destination, prefix, device, table; {@code RTM_DELROUTE}).
     *
     * @throws BpfException {@code ESRCH} when there is no such route (also once its device is gone)
     */
    public void deleteRoute(LwtBpfRoute route) {
        send(routeMessage(RTM_DELROUTE, NLM_F_ACK, route), "RTM_DELROUTE", route.describe());
    }

    private static NetlinkWriter routeMessage(int type, int flags, LwtBpfRoute route) {
        // struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each), flags u32.
        ByteBuffer rtmsg = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .put(0, (byte) (route.ipv6() ? AF_INET6 : AF_INET))
                .put(1, (byte) route.prefixLength())
                .put(4, (byte) (route.table() < 256 ? route.table() : RT_TABLE_UNSPEC))
                .put(5, (byte) RTPROT_BOOT)
                .put(6, (byte) RT_SCOPE_LINK)
                .put(7, (byte) RTN_UNICAST);
        return new NetlinkWriter(type, flags).header(rtmsg.array())
                .attribute(RTA_DST, route.destination())
                .u32(RTA_OIF, route.ifindex())
                .u32(RTA_TABLE, route.table());
    }

    // ---------------------------------------------------------------- plumbing

    private List<ByteBuffer> send(NetlinkWriter writer, String call, String detail) {
        int seq = NetlinkSocket.nextSequence();
        try {
            return socket.request(writer.bytes(seq), seq, call);
        } catch (BpfException e) {
            String text = e.detail();
            throw new BpfException(e.call(), e.errno(), detail + (text.isEmpty() ? "" : " (kernel: " + text + ")"),
                    null);
        }
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
