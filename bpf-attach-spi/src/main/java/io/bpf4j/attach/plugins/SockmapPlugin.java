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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Programs of sockmaps and sockhashes: {@code sk_msg} ({@code BPF_SK_MSG_VERDICT}, Linux 4.17),
 * {@code sk_skb/stream_parser}, {@code sk_skb/stream_verdict} (4.14), {@code sk_skb/verdict}
 * (5.13), and a bare {@code sk_skb} whose hook is named at attach time. Attached to the map by
 * hand with {@link SockmapOptions}: a {@code bpf_link} on the map ({@code BPF_LINK_TYPE_SOCKMAP},
 * Linux 6.10), or {@code BPF_PROG_ATTACH} ({@link ProgAttachment}) on older kernels or when the
 * options ask for it.
 */
public final class SockmapPlugin implements AttachPlugin {

    private static final Map<String, AttachType> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("sk_msg", AttachType.SK_MSG_VERDICT);
        SECTIONS.put("sk_skb/stream_parser", AttachType.SK_SKB_STREAM_PARSER);
        SECTIONS.put("sk_skb/stream_verdict", AttachType.SK_SKB_STREAM_VERDICT);
        SECTIONS.put("sk_skb/verdict", AttachType.SK_SKB_VERDICT);
        SECTIONS.put("sk_skb", null);
    }

    /** Creates the plugin (ServiceLoader calls this). */
    public SockmapPlugin() {
    }

    @Override
    public String name() {
        return "sockmap";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("sk_msg", "sk_skb");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (!SECTIONS.containsKey(sectionName)) {
            throw new AttachException("section '" + sectionName + "' is not a sockmap section (known: "
                    + String.join(", ", SECTIONS.keySet()) + ")");
        }
        ProgramType type = sectionName.equals("sk_msg") ? ProgramType.SK_MSG : ProgramType.SK_SKB;
        return new ProgramDefinition(type, SECTIONS.get(sectionName), 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' serves a sockmap or sockhash: attach it by hand with new"
                + " SockmapOptions(<map fd>) before inserting sockets into the map";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof SockmapOptions sockmap)) {
            return AttachPlugin.super.attach(context, options);
        }
        AttachType type = define(context.sectionName(), null).expectedAttachType();
        if (type == null) {
            throw new AttachException("program " + context.programName() + ": a bare sk_skb section names no hook;"
                    + " use sk_skb/stream_parser, sk_skb/stream_verdict or sk_skb/verdict");
        }
        String description = AttachTargets.describe(context) + " -> " + type.uapiName() + " of map fd "
                + sockmap.mapFd();
        if (!sockmap.progAttach()) {
            try {
                OwnedFd link = context.bpf().linkCreate(context.programFd(), sockmap.mapFd(), type, 0);
                return new BpfLink(link, description + " (bpf_link)");
            } catch (BpfException e) {
                // Before 6.10 BPF_LINK_CREATE knows no sockmap attach type: EINVAL. Anything else is real.
                if (e.errno() != Errno.EINVAL) {
                    throw new AttachException("cannot attach " + description, e);
                }
            }
        }
        OwnedFd map;
        try {
            map = OwnedFd.adopt(sockmap.mapFd(), "sockmap").duplicate();
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        return ProgAttachment.attach(context.bpf(), map, context.programFd(), type, 0, description);
    }

    @Override
    public String toString() {
        return "SockmapPlugin" + SECTIONS.keySet();
    }
}
