package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Syscall programs: section {@code syscall} (Linux 5.14), as libbpf names it.
 *
 * <p>A syscall program hooks nothing: user space runs it with {@code BPF_PROG_TEST_RUN},
 * passing its context (any bytes the program reads as its argument struct), and it may itself
 * call {@code bpf_sys_bpf} to create maps or load programs from inside the kernel. It is always
 * sleepable, which libbpf also sets for this section. Attaching is refused with a message saying
 * how to run it.
 */
public final class SyscallProgramPlugin implements AttachPlugin {

    private static final String SECTION = "syscall";

    /** Creates the plugin (ServiceLoader calls this). */
    public SyscallProgramPlugin() {
    }

    @Override
    public String name() {
        return "syscall";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of(SECTION);
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (!sectionName.equals(SECTION)) {
            throw new AttachException("section '" + sectionName + "' is not a syscall program section (syscall)");
        }
        return new ProgramDefinition(ProgramType.SYSCALL, null, 0, true, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' is a syscall program: it is never attached; run it with"
                + " BpfProgram.testRun(null, ctx) (BPF_PROG_TEST_RUN), ctx being the bytes it reads as its argument";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public String toString() {
        return "SyscallProgramPlugin" + sectionPrefixes();
    }
}
