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
 * cgroup programs, under libbpf's section names: {@code cgroup_skb/ingress},
 * {@code cgroup_skb/egress}, {@code cgroup/skb}; {@code cgroup/sock_create} ({@code cgroup/sock}),
 * {@code cgroup/sock_release}, {@code cgroup/post_bind4|6}; {@code sockops}; the socket address
 * hooks {@code cgroup/bind4|6}, {@code cgroup/connect4|6|_unix}, {@code cgroup/sendmsg4|6|_unix},
 * {@code cgroup/recvmsg4|6|_unix}, {@code cgroup/getpeername4|6|_unix},
 * {@code cgroup/getsockname4|6|_unix}; {@code cgroup/getsockopt}, {@code cgroup/setsockopt};
 * {@code cgroup/sysctl}; {@code cgroup/dev}.
 *
 * <p>A cgroup program needs a cgroup, which no section names: it attaches by hand with
 * {@link CgroupOptions}, through a {@code bpf_link} ({@code BPF_LINK_CREATE} on the cgroup's
 * descriptor, Linux 5.7) or, where the kernel has no cgroup links or when asked,
 * {@code BPF_PROG_ATTACH} with its override/multi flags ({@link ProgAttachment}).
 */
public final class CgroupPlugin implements AttachPlugin {

    private record Hook(ProgramType type, AttachType attachType) {
    }

    private static final Map<String, Hook> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("cgroup_skb/ingress", new Hook(ProgramType.CGROUP_SKB, AttachType.CGROUP_INET_INGRESS));
        SECTIONS.put("cgroup_skb/egress", new Hook(ProgramType.CGROUP_SKB, AttachType.CGROUP_INET_EGRESS));
        SECTIONS.put("cgroup/skb", new Hook(ProgramType.CGROUP_SKB, null));
        SECTIONS.put("cgroup/sock_create", new Hook(ProgramType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE));
        SECTIONS.put("cgroup/sock", new Hook(ProgramType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE));
        SECTIONS.put("cgroup/sock_release", new Hook(ProgramType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_RELEASE));
        SECTIONS.put("cgroup/post_bind4", new Hook(ProgramType.CGROUP_SOCK, AttachType.CGROUP_INET4_POST_BIND));
        SECTIONS.put("cgroup/post_bind6", new Hook(ProgramType.CGROUP_SOCK, AttachType.CGROUP_INET6_POST_BIND));
        SECTIONS.put("sockops", new Hook(ProgramType.SOCK_OPS, AttachType.CGROUP_SOCK_OPS));
        addr("bind4", AttachType.CGROUP_INET4_BIND);
        addr("bind6", AttachType.CGROUP_INET6_BIND);
        addr("connect4", AttachType.CGROUP_INET4_CONNECT);
        addr("connect6", AttachType.CGROUP_INET6_CONNECT);
        addr("connect_unix", AttachType.CGROUP_UNIX_CONNECT);
        addr("sendmsg4", AttachType.CGROUP_UDP4_SENDMSG);
        addr("sendmsg6", AttachType.CGROUP_UDP6_SENDMSG);
        addr("sendmsg_unix", AttachType.CGROUP_UNIX_SENDMSG);
        addr("recvmsg4", AttachType.CGROUP_UDP4_RECVMSG);
        addr("recvmsg6", AttachType.CGROUP_UDP6_RECVMSG);
        addr("recvmsg_unix", AttachType.CGROUP_UNIX_RECVMSG);
        addr("getpeername4", AttachType.CGROUP_INET4_GETPEERNAME);
        addr("getpeername6", AttachType.CGROUP_INET6_GETPEERNAME);
        addr("getpeername_unix", AttachType.CGROUP_UNIX_GETPEERNAME);
        addr("getsockname4", AttachType.CGROUP_INET4_GETSOCKNAME);
        addr("getsockname6", AttachType.CGROUP_INET6_GETSOCKNAME);
        addr("getsockname_unix", AttachType.CGROUP_UNIX_GETSOCKNAME);
        SECTIONS.put("cgroup/getsockopt", new Hook(ProgramType.CGROUP_SOCKOPT, AttachType.CGROUP_GETSOCKOPT));
        SECTIONS.put("cgroup/setsockopt", new Hook(ProgramType.CGROUP_SOCKOPT, AttachType.CGROUP_SETSOCKOPT));
        SECTIONS.put("cgroup/sysctl", new Hook(ProgramType.CGROUP_SYSCTL, AttachType.CGROUP_SYSCTL));
        SECTIONS.put("cgroup/dev", new Hook(ProgramType.CGROUP_DEVICE, AttachType.CGROUP_DEVICE));
    }

    private static void addr(String name, AttachType type) {
        SECTIONS.put("cgroup/" + name, new Hook(ProgramType.CGROUP_SOCK_ADDR, type));
    }

    /** Creates the plugin (ServiceLoader calls this). */
    public CgroupPlugin() {
    }

    @Override
    public String name() {
        return "cgroup";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("cgroup", "cgroup_skb", "sockops");
    }

    /** {@return every section name this plugin knows, in a stable order} */
    public static Set<String> sectionNames() {
        return SECTIONS.keySet();
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        Hook hook = hook(sectionName);
        return new ProgramDefinition(hook.type(), hook.attachType(), 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' is a cgroup hook and no section names a cgroup: attach it by hand"
                + " with CgroupOptions.of(<cgroup v2 directory>)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof CgroupOptions cgroup)) {
            return AttachPlugin.super.attach(context, options);
        }
        Hook hook = hook(context.sectionName());
        AttachType type = cgroup.attachType() != null ? cgroup.attachType() : hook.attachType();
        String description = AttachTargets.describe(context) + " -> cgroup " + cgroup.cgroup();
        if (type == null) {
            throw new AttachException("cannot attach " + description + ": section '" + context.sectionName()
                    + "' names no hook; give CgroupOptions.withAttachType(CGROUP_INET_INGRESS or CGROUP_INET_EGRESS)");
        }
        if (hook.attachType() != null && type != hook.attachType()) {
            throw new AttachException("cannot attach " + description + " as " + type.uapiName() + ": the program was"
                    + " loaded for " + hook.attachType().uapiName());
        }
        description += " (" + type.uapiName() + ")";
        OwnedFd target = AttachTargets.openCgroup(context.bpf(), cgroup.cgroup(), description);
        if (cgroup.mechanism() != CgroupOptions.Mechanism.PROG_ATTACH) {
            try {
                OwnedFd link = context.bpf().linkCreate(context.programFd(), target.fd(), type, 0);
                target.close();
                return new BpfLink(link, description);
            } catch (BpfException e) {
                boolean noCgroupLinks = e.errno() == Errno.EINVAL || e.errno() == Errno.EOPNOTSUPP
                        || e.errno() == Errno.ENOSYS;
                if (cgroup.mechanism() == CgroupOptions.Mechanism.LINK || !noCgroupLinks) {
                    target.close();
                    throw new AttachException("cannot attach " + description, e);
                }
            }
        }
        return ProgAttachment.attach(context.bpf(), target, context.programFd(), type, cgroup.attachFlags(),
                description);
    }

    private static Hook hook(String sectionName) {
        Hook hook = SECTIONS.get(sectionName);
        if (hook == null) {
            throw new AttachException("section '" + sectionName + "' is not a cgroup hook bpf4j knows (known: "
                    + String.join(", ", SECTIONS.keySet()) + ")");
        }
        return hook;
    }

    @Override
    public String toString() {
        return "CgroupPlugin" + sectionPrefixes();
    }
}
