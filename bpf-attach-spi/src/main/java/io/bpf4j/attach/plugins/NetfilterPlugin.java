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
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Netfilter programs: section {@code netfilter} ({@code BPF_PROG_TYPE_NETFILTER}, Linux 6.4),
 * attached by hand to a hook with {@link NetfilterOptions} through a {@code BPF_NETFILTER} link.
 */
public final class NetfilterPlugin implements AttachPlugin {

    /** {@code BPF_F_NETFILTER_IP_DEFRAG} (include/uapi/linux/bpf.h, 6.6). */
    static final int BPF_F_NETFILTER_IP_DEFRAG = 1;

    /** Creates the plugin (ServiceLoader calls this). */
    public NetfilterPlugin() {
    }

    @Override
    public String name() {
        return "netfilter";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("netfilter");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (!sectionName.equals("netfilter")) {
            throw new AttachException("section '" + sectionName + "': expected netfilter");
        }
        return new ProgramDefinition(ProgramType.NETFILTER, AttachType.NETFILTER, 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section 'netfilter' names no hook: attach it by hand with new NetfilterOptions(<family>, <hook>,"
                + " <priority>, <defragment>)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof NetfilterOptions nf)) {
            return AttachPlugin.super.attach(context, options);
        }
        String description = AttachTargets.describe(context) + " -> netfilter pf " + nf.protocolFamily() + " hook "
                + nf.hook() + " priority " + nf.priority();
        try {
            OwnedFd link = context.bpf().linkCreateNetfilter(context.programFd(), nf.protocolFamily(), nf.hook(),
                    nf.priority(), nf.defragment() ? BPF_F_NETFILTER_IP_DEFRAG : 0);
            return new BpfLink(link, description);
        } catch (BpfException e) {
            if (e.errno() == Errno.EBUSY) {
                // nf_hook_entries_grow: a BPF hook may not share its priority with any other hook.
                throw new AttachException("cannot attach " + description + ": another netfilter hook (built-in,"
                        + " such as NAT at 100, or BPF) has priority " + nf.priority() + " there; choose another", e);
            }
            throw new AttachException("cannot attach " + description, e);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
    }

    @Override
    public String toString() {
        return "NetfilterPlugin[netfilter]";
    }
}
