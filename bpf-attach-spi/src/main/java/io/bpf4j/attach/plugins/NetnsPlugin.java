package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgAttachment;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Programs attached to a network namespace: socket lookup, section {@code sk_lookup}
 * ({@code BPF_PROG_TYPE_SK_LOOKUP}, Linux 5.9), and the flow dissector, section
 * {@code flow_dissector} ({@code BPF_PROG_TYPE_FLOW_DISSECTOR}, 4.20). Attached by hand with
 * {@link NetnsOptions} through a {@code bpf_link} on the namespace's descriptor (5.7); the flow
 * dissector falls back to {@code BPF_PROG_ATTACH} where the kernel has no netns links.
 */
public final class NetnsPlugin implements AttachPlugin {

    /** Creates the plugin (ServiceLoader calls this). */
    public NetnsPlugin() {
    }

    @Override
    public String name() {
        return "netns";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("sk_lookup", "flow_dissector");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        return switch (sectionName) {
            case "sk_lookup" -> new ProgramDefinition(ProgramType.SK_LOOKUP, AttachType.SK_LOOKUP, 0, false, false);
            case "flow_dissector" -> new ProgramDefinition(ProgramType.FLOW_DISSECTOR, AttachType.FLOW_DISSECTOR, 0,
                    false, false);
            default -> throw new AttachException("section '" + sectionName + "' is not a network namespace section"
                    + " (known: sk_lookup, flow_dissector)");
        };
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' attaches to a network namespace: attach it by hand with"
                + " NetnsOptions.current() or NetnsOptions.named(<name>)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof NetnsOptions netns)) {
            return AttachPlugin.super.attach(context, options);
        }
        AttachType type = define(context.sectionName(), null).expectedAttachType();
        String description = AttachTargets.describe(context) + " -> " + type.uapiName() + " in " + netns.netns();
        OwnedFd target = AttachTargets.openNetns(context.bpf(), netns.netns(), description);
        try {
            OwnedFd link = context.bpf().linkCreate(context.programFd(), target.fd(), type, 0);
            target.close();
            return new BpfLink(link, description);
        } catch (BpfException e) {
            if (type == AttachType.FLOW_DISSECTOR && (e.errno() == Errno.EINVAL || e.errno() == Errno.EOPNOTSUPP)) {
                return ProgAttachment.attach(context.bpf(), target, context.programFd(), type, 0, description);
            }
            target.close();
            throw new AttachException("cannot attach " + description, e);
        }
    }

    @Override
    public String toString() {
        return "NetnsPlugin[sk_lookup, flow_dissector]";
    }
}
