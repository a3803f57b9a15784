package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.syscall.Rtnetlink;
import java.util.Map;
import java.util.Set;

/**
 * XDP programs: sections {@code xdp} and {@code xdp.frags} (multi-buffer, {@code
 * BPF_F_XDP_HAS_FRAGS}, 5.18), attached to an interface by hand with {@link XdpOptions} through a
 * {@code bpf_link} ({@code BPF_XDP}, 5.9) or rtnetlink ({@code IFLA_XDP}), in generic, native or
 * offload mode; and {@code xdp/devmap}, {@code xdp/cpumap}, {@code xdp.frags/devmap},
 * {@code xdp.frags/cpumap}, programs a devmap or cpumap entry runs, which are "attached" by
 * storing their descriptor in the map's value.
 */
public final class XdpPlugin implements AttachPlugin {

    private static final Map<String, AttachType> SECTIONS = Map.of(
            "xdp", AttachType.XDP,
            "xdp.frags", AttachType.XDP,
            "xdp/devmap", AttachType.XDP_DEVMAP,
            "xdp/cpumap", AttachType.XDP_CPUMAP,
            "xdp.frags/devmap", AttachType.XDP_DEVMAP,
            "xdp.frags/cpumap", AttachType.XDP_CPUMAP);

    /** Creates the plugin (ServiceLoader calls this). */
    public XdpPlugin() {
    }

    @Override
    public String name() {
        return "xdp";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("xdp", "xdp.frags");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        AttachType type = SECTIONS.get(sectionName);
        if (type == null) {
            throw new AttachException("section '" + sectionName + "' is not an XDP section (known: xdp, xdp.frags,"
                    + " xdp/devmap, xdp/cpumap, xdp.frags/devmap, xdp.frags/cpumap)");
        }
        int flags = sectionName.startsWith("xdp.frags") ? ProgramDefinition.BPF_F_XDP_HAS_FRAGS : 0;
        return new ProgramDefinition(ProgramType.XDP, type, 0, false, false, flags);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        if (SECTIONS.get(sectionName) == AttachType.XDP_DEVMAP || SECTIONS.get(sectionName) == AttachType.XDP_CPUMAP) {
            return "section '" + sectionName + "' is run by a devmap/cpumap entry: store the program's descriptor"
                    + " in the map's value (bpf_devmap_val.bpf_prog.fd / bpf_cpumap_val.bpf_prog.fd) instead of"
                    + " attaching it";
        }
        return "section '" + sectionName + "' names no interface: attach it by hand with"
                + " XdpOptions.of(<interface>)[.mode(...)][.viaNetlink()]";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof XdpOptions xdp)) {
            return AttachPlugin.super.attach(context, options);
        }
        if (SECTIONS.get(context.sectionName()) != AttachType.XDP) {
            throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
        }
        String where = xdp.ifindex() > 0 ? "ifindex " + xdp.ifindex() : xdp.interfaceName();
        String description = AttachTargets.describe(context) + " -> XDP on " + where + " ("
                + xdp.mode().name().toLowerCase(java.util.Locale.ROOT) + (xdp.netlink() ? ", netlink" : ", bpf_link") + ")";
        int ifindex = AttachTargets.interfaceIndex(context.bpf(), xdp.interfaceName(), xdp.ifindex(), description);
        if (!xdp.netlink()) {
            try {
                OwnedFd link = context.bpf().linkCreate(context.programFd(), ifindex, AttachType.XDP, xdp.mode().flag());
                return new BpfLink(link, description);
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description, e);
            }
        }
        int flags = xdp.mode().flag() | (xdp.replaceProgFd() != 0 ? Rtnetlink.XDP_FLAGS_REPLACE
                : Rtnetlink.XDP_FLAGS_UPDATE_IF_NOEXIST);
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            rtnl.setXdp(ifindex, context.programFd(), flags, xdp.replaceProgFd() != 0 ? xdp.replaceProgFd() : -1);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        int programId = context.bpf().progInfo(context.programFd()).id();
        return new NetlinkXdpLink(ifindex, xdp.mode(), programId, description);
    }

    @Override
    public String toString() {
        return "XdpPlugin" + SECTIONS.keySet();
    }
}
