package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * BTF-enabled raw tracepoints: section {@code tp_btf/<name>} ({@code BPF_PROG_TYPE_TRACING} with
 * expected attach type {@code BPF_TRACE_RAW_TP}, Linux 5.5). The target is fixed at load time:
 * {@code attach_btf_id} is the id of the typedef {@code btf_trace_<name>} in the kernel's BTF,
 * so the verifier knows the tracepoint's argument types. Attaching uses
 * {@code BPF_RAW_TRACEPOINT_OPEN} without a name.
 */
public final class BtfTracepointPlugin implements AttachPlugin {

    private static final String PREFIX = "tp_btf";
    /** The kernel declares {@code typedef void (*btf_trace_<name>)(void *, args...)} per tracepoint (include/trace/bpf_probe.h). */
    static final String TYPEDEF_PREFIX = "btf_trace_";

    /** Creates the plugin (ServiceLoader calls this). */
    public BtfTracepointPlugin() {
    }

    @Override
    public String name() {
        return "tp_btf";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of(PREFIX);
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String name = tracepointName(sectionName);
        Btf btf = context.kernelBtf();
        int id = btf.findByName(TYPEDEF_PREFIX + name, BtfKind.TYPEDEF);
        if (id <= 0) {
            throw new AttachException("section '" + sectionName + "': the kernel has no tracepoint " + name
                    + " (no typedef " + TYPEDEF_PREFIX + name + " in its BTF)");
        }
        return new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_RAW_TP, id, false, true);
    }

    @Override
    public Link attach(AttachContext context) {
        String description = "program " + context.programName() + " (" + context.sectionName() + ") -> tp_btf "
                + tracepointName(context.sectionName());
        OwnedFd fd;
        try {
            // The target came with the load (attach_btf_id): the open names no tracepoint.
            fd = context.bpf().rawTracepointOpen(null, context.programFd());
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        return new BpfLink(fd, description);
    }

    static String tracepointName(String sectionName) {
        if (!SectionNames.hasPrefix(sectionName, PREFIX)) {
            throw new AttachException("section '" + sectionName + "' is not a tp_btf section");
        }
        String name = SectionNames.target(sectionName, PREFIX);
        if (name.isEmpty() || name.contains("/")) {
            throw new AttachException("section '" + sectionName + "': expected tp_btf/<tracepoint name>");
        }
        return name;
    }

    @Override
    public String toString() {
        return "BtfTracepointPlugin[tp_btf]";
    }
}
