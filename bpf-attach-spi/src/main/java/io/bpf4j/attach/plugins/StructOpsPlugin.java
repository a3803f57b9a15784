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
 * struct_ops callbacks: sections {@code struct_ops/<name>} and sleepable {@code struct_ops.s/<name>}
 * (Linux 5.6; sleepable 6.2), as libbpf names them.
 *
 * <p>Such a program implements one function pointer of a kernel operations struct (such as
 * {@code tcp_congestion_ops.ssthresh}). It is not attached on its own: a struct_ops map (a
 * variable of section {@code .struct_ops} or {@code .struct_ops.link}) points at it, and the
 * kernel calls it once that map is registered. Which struct and which member it implements are
 * known only from that map, so this plugin leaves {@code expected_attach_type} (the member's
 * index) and {@code attach_btf_id} (the kernel struct) to the loader, which fills them from the
 * map before {@code BPF_PROG_LOAD}. Attaching the program itself is refused with a message saying
 * to attach its map.
 */
public final class StructOpsPlugin implements AttachPlugin {

    private static final String SECTION = "struct_ops";
    private static final String SLEEPABLE_SECTION = "struct_ops.s";

    /** Creates the plugin (ServiceLoader calls this). */
    public StructOpsPlugin() {
    }

    @Override
    public String name() {
        return "struct_ops";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of(SECTION, SLEEPABLE_SECTION);
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        boolean sleepable;
        if (sectionName.equals(SECTION) || sectionName.startsWith(SECTION + "/")) {
            sleepable = false;
        } else if (sectionName.equals(SLEEPABLE_SECTION) || sectionName.startsWith(SLEEPABLE_SECTION + "/")) {
            sleepable = true;
        } else {
            throw new AttachException("section '" + sectionName + "' is not a struct_ops section (struct_ops/<name>"
                    + " or struct_ops.s/<name>)");
        }
        // The member index and the kernel struct come from the struct_ops map that points here.
        return new ProgramDefinition(ProgramType.STRUCT_OPS, null, 0, sleepable, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' is a struct_ops callback: the kernel calls it through the struct_ops"
                + " map that points at it; attach that map (BpfMap.attachStructOps(), or attachAll(), which attaches"
                + " every struct_ops map)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": "
                + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        throw new AttachException("program " + context.programName() + ": "
                + manualAttachHint(context.sectionName()));
    }

    @Override
    public String toString() {
        return "StructOpsPlugin" + sectionPrefixes();
    }
}
