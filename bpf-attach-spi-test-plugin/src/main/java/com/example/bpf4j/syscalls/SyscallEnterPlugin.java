package com.example.bpf4j.syscalls;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.plugins.TracepointOptions;
import io.bpf4j.attach.plugins.TracepointPlugin;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Owns {@code syscall_enter/<syscall>}: a tracepoint program on the
 * {@code syscalls/sys_enter_<syscall>} event, so BPF code names the system
 * call rather than the tracepoint.
 */
public final class SyscallEnterPlugin implements AttachPlugin {
    /** The section prefix this plugin owns (it claims {@code syscall_enter/<name>}). */
    public static final String PREFIX = "syscall_enter";

    private final TracepointPlugin tracepoints = new TracepointPlugin();

    /** Called by ServiceLoader. */
    public SyscallEnterPlugin() {
    }

    @Override
    public String name() {
        return "syscall-enter (example third-party plugin)";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of(PREFIX);
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        syscallOf(sectionName);
        return new ProgramDefinition(ProgramType.TRACEPOINT, null, 0, false, true);
    }

    @Override
    public Link attach(AttachContext context) {
        return tracepoints.attach(context, new TracepointOptions("syscalls", "sys_enter_" + syscallOf(
                context.sectionName())));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        return tracepoints.attach(context, options);
    }

    private static String syscallOf(String sectionName) {
        String syscall = SectionNames.hasPrefix(sectionName, PREFIX) ? SectionNames.target(sectionName, PREFIX) : "";
        if (syscall.isEmpty() || syscall.contains("/")) {
            throw new IllegalArgumentException("section '" + sectionName + "': expected " + PREFIX
                    + "/<system call name>, e.g. " + PREFIX + "/openat");
        }
        return syscall;
    }
}
