package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.LwtBpfRoute;
import io.bpf4j.syscall.LwtHook;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.syscall.Rtnetlink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

/**
 * Lightweight-tunnel programs: sections {@code lwt_in}, {@code lwt_out}, {@code lwt_xmit}
 * (Linux 4.10) and {@code lwt_seg6local} (4.18). They run as the encapsulation of a route
 * ({@code RTA_ENCAP} with {@code LWTUNNEL_ENCAP_BPF} in an {@code RTM_NEWROUTE}): attached by hand
 * with {@link LwtOptions}, which add the route through bpf4j's rtnetlink; the {@link LwtRouteLink}
 * deletes it when closed. {@code lwt_seg6local} (an SRv6 {@code End.BPF} action) is not attached.
 */
public final class LwtPlugin implements AttachPlugin {

    private static final Map<String, ProgramType> SECTIONS = Map.of(
            "lwt_in", ProgramType.LWT_IN,
            "lwt_out", ProgramType.LWT_OUT,
            "lwt_xmit", ProgramType.LWT_XMIT,
            "lwt_seg6local", ProgramType.LWT_SEG6LOCAL);
    private static final Map<String, LwtHook> HOOKS = Map.of(
            "lwt_in", LwtHook.IN,
            "lwt_out", LwtHook.OUT,
            "lwt_xmit", LwtHook.XMIT);

    /** Creates the plugin (ServiceLoader calls this). */
    public LwtPlugin() {
    }

    @Override
    public String name() {
        return "lwt";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return SECTIONS.keySet();
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        ProgramType type = SECTIONS.get(sectionName);
        if (type == null) {
            throw new AttachException("section '" + sectionName + "' is not an lwt section (known: lwt_in, lwt_out,"
                    + " lwt_xmit, lwt_seg6local)");
        }
        return new ProgramDefinition(type, null, 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        if (sectionName.equals("lwt_seg6local")) {
            return seg6localRefusal();
        }
        return "section '" + sectionName + "' runs as a route's encapsulation: attach it by hand with"
                + " LwtOptions.route(<prefix>, <device>), which adds the route (deleted when the link is closed)";
    }

    private static String seg6localRefusal() {
        return "section 'lwt_seg6local' runs as an SRv6 End.BPF action (LWTUNNEL_ENCAP_SEG6_LOCAL), which bpf4j"
                + " does not encode: add the seg6local route yourself with the pinned program";
    }

    @Override
    public Link attach(AttachContext context) {
        if (context.sectionName().equals("lwt_seg6local")) {
            throw new UnsupportedOperationException("program " + context.programName() + ": " + seg6localRefusal());
        }
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (context.sectionName().equals("lwt_seg6local")) {
            throw new UnsupportedOperationException("program " + context.programName() + ": " + seg6localRefusal());
        }
        if (!(options instanceof LwtOptions lwt)) {
            return AttachPlugin.super.attach(context, options);
        }
        LwtHook hook = HOOKS.get(context.sectionName());
        String description = AttachTargets.describe(context) + " -> route " + lwt.prefix() + " dev "
                + (lwt.ifindex() > 0 ? "ifindex " + lwt.ifindex() : lwt.interfaceName()) + " table " + lwt.table()
                + " (encap bpf " + hook.name().toLowerCase(java.util.Locale.ROOT) + ")";
        int ifindex = AttachTargets.interfaceIndex(context.bpf(), lwt.interfaceName(), lwt.ifindex(), description);
        LwtBpfRoute route = route(lwt, ifindex, hook, context, description);
        Rtnetlink rtnetlink = Rtnetlink.open();
        try {
            rtnetlink.addLwtBpfRoute(route);
        } catch (RuntimeException e) {
            rtnetlink.close();
            throw new AttachException("cannot attach " + description, e);
        }
        return new LwtRouteLink(rtnetlink, route, description);
    }

    private static LwtBpfRoute route(LwtOptions lwt, int ifindex, LwtHook hook, AttachContext context,
            String description) {
        String prefix = lwt.prefix();
        int slash = prefix.indexOf('/');
        String address = slash < 0 ? prefix : prefix.substring(0, slash);
        // Only numeric literals: InetAddress would resolve a host name through DNS.
        if (!address.matches("[0-9.]+") && !address.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new AttachException("cannot attach " + description + ": '" + prefix + "' is not a numeric prefix");
        }
        byte[] bytes;
        int length;
        try {
            bytes = InetAddress.getByName(address).getAddress();
            length = slash < 0 ? bytes.length * 8 : Integer.parseInt(prefix.substring(slash + 1));
            return new LwtBpfRoute(bytes, length, ifindex, lwt.table(), hook, context.programFd(),
                    context.programName());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new AttachException("cannot attach " + description + ": '" + prefix + "' is not a valid prefix", e);
        }
    }

    @Override
    public String toString() {
        return "LwtPlugin" + SECTIONS.keySet();
    }
}
