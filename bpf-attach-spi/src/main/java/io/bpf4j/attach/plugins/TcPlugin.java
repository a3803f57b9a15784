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
import io.bpf4j.syscall.TcFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * tc programs ({@code BPF_PROG_TYPE_SCHED_CLS}): sections {@code tc}, {@code classifier},
 * {@code tcx/ingress}, {@code tcx/egress} and their libbpf aliases {@code tc/ingress},
 * {@code tc/egress}; {@code netkit/primary}, {@code netkit/peer}; and tc actions, section
 * {@code action} ({@code SCHED_ACT}), attached with {@link TcActionOptions} as the action of a
 * {@code matchall} filter.
 *
 * <p>A tc program needs an interface, which no section names: it attaches by hand, with
 * {@link TcxOptions} as a tcx link (Linux 6.6) or with {@link TcOptions} as a {@code cls_bpf}
 * filter in the {@code clsact} qdisc through rtnetlink (created if missing and left in place).
 */
public final class TcPlugin implements AttachPlugin {

    private static final Map<String, AttachType> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("tc", null);
        SECTIONS.put("classifier", null);
        SECTIONS.put("tcx/ingress", AttachType.TCX_INGRESS);
        SECTIONS.put("tcx/egress", AttachType.TCX_EGRESS);
        SECTIONS.put("tc/ingress", AttachType.TCX_INGRESS);
        SECTIONS.put("tc/egress", AttachType.TCX_EGRESS);
        SECTIONS.put("netkit/primary", AttachType.NETKIT_PRIMARY);
        SECTIONS.put("netkit/peer", AttachType.NETKIT_PEER);
        SECTIONS.put("action", null);
    }

    /** Creates the plugin (ServiceLoader calls this). */
    public TcPlugin() {
    }

    @Override
    public String name() {
        return "tc";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("tc", "classifier", "tcx", "netkit", "action");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (!SECTIONS.containsKey(sectionName)) {
            throw new AttachException("section '" + sectionName + "' is not a tc section (known: "
                    + String.join(", ", SECTIONS.keySet()) + ")");
        }
        ProgramType type = sectionName.equals("action") ? ProgramType.SCHED_ACT : ProgramType.SCHED_CLS;
        return new ProgramDefinition(type, SECTIONS.get(sectionName), 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        if (sectionName.equals("action")) {
            return "section 'action' is a tc action (act_bpf): attach it by hand with TcActionOptions.of("
                    + "<interface>, <direction>) (a matchall filter whose action is the program)";
        }
        if (sectionName.startsWith("netkit")) {
            return "section '" + sectionName + "' attaches to a netkit device: attach it by hand with TcxOptions"
                    + ".of(<netkit device>)";
        }
        return "section '" + sectionName + "' names no interface: attach it by hand with TcxOptions.of(<interface>"
                + (SECTIONS.get(sectionName) == null ? ", <direction>" : "") + ") (tcx, Linux 6.6) or TcOptions.of("
                + "<interface>, <direction>) (clsact + cls_bpf through netlink)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        String section = context.sectionName();
        if (section.equals("action")) {
            if (options instanceof TcActionOptions action) {
                return attachAction(context, action);
            }
            throw new UnsupportedOperationException("program " + context.programName() + ": "
                    + manualAttachHint(section));
        }
        AttachType fixed = SECTIONS.get(section);
        if (options instanceof TcxOptions tcx) {
            AttachType type = tcxType(context, fixed, tcx.direction());
            String description = AttachTargets.describe(context) + " -> " + type.uapiName() + " on "
                    + (tcx.ifindex() > 0 ? "ifindex " + tcx.ifindex() : tcx.interfaceName());
            int ifindex = AttachTargets.interfaceIndex(context.bpf(), tcx.interfaceName(), tcx.ifindex(), description);
            try {
                OwnedFd link = context.bpf().linkCreateOrdered(context.programFd(), ifindex, type, 0, 0, 0);
                return new BpfLink(link, description);
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description, e);
            }
        }
        if (options instanceof TcOptions tc) {
            if (fixed == AttachType.NETKIT_PRIMARY || fixed == AttachType.NETKIT_PEER) {
                throw new AttachException("program " + context.programName() + ": netkit programs attach with"
                        + " TcxOptions, not as cls_bpf filters");
            }
            TcDirection direction = direction(context, fixed, tc.direction());
            String description = AttachTargets.describe(context) + " -> clsact " + direction.name().toLowerCase(
                    java.util.Locale.ROOT) + " on " + (tc.ifindex() > 0 ? "ifindex " + tc.ifindex() : tc.interfaceName());
            int ifindex = AttachTargets.interfaceIndex(context.bpf(), tc.interfaceName(), tc.ifindex(), description);
            int parent = direction == TcDirection.INGRESS ? Rtnetlink.TC_PARENT_INGRESS : Rtnetlink.TC_PARENT_EGRESS;
            try (Rtnetlink rtnl = Rtnetlink.open()) {
                rtnl.addClsact(ifindex);
                TcFilter filter = rtnl.addBpfFilter(ifindex, parent, tc.priority(), tc.handle(), context.programFd(),
                        context.programName(), tc.replace());
                return new ClsBpfLink(ifindex, filter, description + " (cls_bpf, priority " + filter.priority()
                        + ", handle 0x" + Integer.toHexString(filter.handle()) + ")");
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description, e);
            }
        }
        return AttachPlugin.super.attach(context, options);
    }

    private static Link attachAction(AttachContext context, TcActionOptions action) {
        String description = AttachTargets.describe(context) + " -> matchall + act_bpf on clsact "
                + action.direction().name().toLowerCase(java.util.Locale.ROOT) + " of "
                + (action.ifindex() > 0 ? "ifindex " + action.ifindex() : action.interfaceName());
        int ifindex = AttachTargets.interfaceIndex(context.bpf(), action.interfaceName(), action.ifindex(),
                description);
        int parent = action.direction() == TcDirection.INGRESS ? Rtnetlink.TC_PARENT_INGRESS
                : Rtnetlink.TC_PARENT_EGRESS;
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            rtnl.addClsact(ifindex);
            TcFilter filter = rtnl.addBpfActionFilter(ifindex, parent, action.priority(), action.handle(),
                    context.programFd(), context.programName(), false);
            return new ClsBpfLink(ifindex, filter, description + " (priority " + filter.priority() + ", handle 0x"
                    + Integer.toHexString(filter.handle()) + ")");
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + " (the kernel needs act_bpf and"
                    + " cls_matchall, built in or loaded as modules)", e);
        }
    }

    private static AttachType tcxType(AttachContext context, AttachType fixed, TcDirection asked) {
        if (fixed == AttachType.NETKIT_PRIMARY || fixed == AttachType.NETKIT_PEER) {
            if (asked != null) {
                throw new AttachException("program " + context.programName() + ": a netkit section fixes the side");
            }
            return fixed;
        }
        return direction(context, fixed, asked) == TcDirection.INGRESS ? AttachType.TCX_INGRESS : AttachType.TCX_EGRESS;
    }

    private static TcDirection direction(AttachContext context, AttachType fixed, TcDirection asked) {
        TcDirection fromSection = fixed == AttachType.TCX_INGRESS ? TcDirection.INGRESS
                : fixed == AttachType.TCX_EGRESS ? TcDirection.EGRESS : null;
        if (fromSection != null && asked != null && asked != fromSection) {
            throw new AttachException("program " + context.programName() + " in section '" + context.sectionName()
                    + "' was loaded for " + fromSection + ", not " + asked);
        }
        TcDirection direction = asked != null ? asked : fromSection;
        if (direction == null) {
            throw new AttachException("program " + context.programName() + " in section '" + context.sectionName()
                    + "': the section names no direction; give TcDirection.INGRESS or EGRESS in the options");
        }
        return direction;
    }

    @Override
    public String toString() {
        return "TcPlugin" + SECTIONS.keySet();
    }
}
