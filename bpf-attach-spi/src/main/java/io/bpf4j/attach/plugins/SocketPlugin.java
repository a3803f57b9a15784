package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Programs attached to one socket with {@code setsockopt}: socket filters, section
 * {@code socket} ({@code BPF_PROG_TYPE_SOCKET_FILTER}, {@code SO_ATTACH_BPF}, Linux 3.19), and
 * reuseport selectors, sections {@code sk_reuseport} and {@code sk_reuseport/migrate}
 * ({@code BPF_PROG_TYPE_SK_REUSEPORT}, {@code SO_ATTACH_REUSEPORT_EBPF}, 4.19; migration 5.14).
 * Attached by hand with {@link SocketOptions}.
 */
public final class SocketPlugin implements AttachPlugin {

    /** {@code SOL_SOCKET} (include/uapi/asm-generic/socket.h; x86_64 and aarch64). */
    static final int SOL_SOCKET = 1;
    /** {@code SO_DETACH_FILTER}, also {@code SO_DETACH_BPF}. */
    static final int SO_DETACH_BPF = 27;
    /** {@code SO_ATTACH_BPF}. */
    static final int SO_ATTACH_BPF = 50;
    /** {@code SO_ATTACH_REUSEPORT_EBPF}. */
    static final int SO_ATTACH_REUSEPORT_EBPF = 52;
    /** {@code SO_DETACH_REUSEPORT_BPF} (5.3). */
    static final int SO_DETACH_REUSEPORT_BPF = 68;

    /** Creates the plugin (ServiceLoader calls this). */
    public SocketPlugin() {
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("socket", "sk_reuseport");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        return switch (sectionName) {
            case "socket" -> new ProgramDefinition(ProgramType.SOCKET_FILTER, null, 0, false, false);
            case "sk_reuseport" -> new ProgramDefinition(ProgramType.SK_REUSEPORT, AttachType.SK_REUSEPORT_SELECT, 0,
                    false, false);
            case "sk_reuseport/migrate" -> new ProgramDefinition(ProgramType.SK_REUSEPORT,
                    AttachType.SK_REUSEPORT_SELECT_OR_MIGRATE, 0, false, false);
            default -> throw new AttachException("section '" + sectionName + "' is not a socket section (known:"
                    + " socket, sk_reuseport, sk_reuseport/migrate)");
        };
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' attaches to one socket: attach it by hand with new SocketOptions("
                + "<socket fd>)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof SocketOptions socket)) {
            return AttachPlugin.super.attach(context, options);
        }
        boolean filter = context.sectionName().equals("socket");
        int attach = filter ? SO_ATTACH_BPF : SO_ATTACH_REUSEPORT_EBPF;
        int detach = filter ? SO_DETACH_BPF : SO_DETACH_REUSEPORT_BPF;
        String description = AttachTargets.describe(context) + " -> " + (filter ? "socket filter" : "reuseport group")
                + " of socket fd " + socket.socketFd();
        try {
            context.bpf().setsockopt(socket.socketFd(), SOL_SOCKET, attach, context.programFd());
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        return new SocketOptionLink(context.bpf(), socket.socketFd(), detach, description);
    }

    @Override
    public String toString() {
        return "SocketPlugin[socket, sk_reuseport]";
    }
}
