package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.SectionTargetPlugin;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Raw tracepoints: sections {@code raw_tp/<name>} and {@code raw_tracepoint/<name>}
 * ({@code BPF_PROG_TYPE_RAW_TRACEPOINT}, Linux 4.17), and the writable variants
 * {@code raw_tp.w/<name>} and {@code raw_tracepoint.w/<name>}
 * ({@code BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE}, Linux 5.2). A bare prefix attaches only by hand
 * with {@link RawTracepointOptions}. Attaching uses {@code BPF_RAW_TRACEPOINT_OPEN}, which
 * returns a {@link BpfLink}.
 */
public final class RawTracepointPlugin extends SectionTargetPlugin<RawTracepointOptions> {

    private static final Set<String> PREFIXES = Set.of("raw_tp", "raw_tracepoint", "raw_tp.w", "raw_tracepoint.w");

    /** Creates the plugin (ServiceLoader calls this). */
    public RawTracepointPlugin() {
        super(RawTracepointOptions.class);
    }

    @Override
    public String name() {
        return "raw_tracepoint";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        ProgramType type = prefix.endsWith(".w") ? ProgramType.RAW_TRACEPOINT_WRITABLE : ProgramType.RAW_TRACEPOINT;
        return new ProgramDefinition(type, null, 0, false, namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no raw tracepoint: attach it by hand with"
                + " new RawTracepointOptions(<name>)";
    }

    @Override
    protected RawTracepointOptions optionsFromSection(String sectionName) {
        String name = tracepointName(sectionName);
        return name == null ? null : new RawTracepointOptions(name);
    }

    @Override
    protected Link attachWith(AttachContext context, RawTracepointOptions options) {
        return attachTo(context, options.name());
    }

    private static Link attachTo(AttachContext context, String name) {
        String description = "program " + context.programName() + " (" + context.sectionName()
                + ") -> raw tracepoint " + name;
        OwnedFd fd;
        try {
            fd = context.bpf().rawTracepointOpen(name, context.programFd());
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        return new BpfLink(fd, description);
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a raw tracepoint");
    }

    /** {@return the raw tracepoint a section names, or null for the bare prefix} */
    static String tracepointName(String sectionName) {
        String prefix = prefixOf(sectionName);
        String target = SectionNames.target(sectionName, prefix);
        if (target.isEmpty()) {
            return null;
        }
        if (target.contains("/")) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<tracepoint name>");
        }
        return target;
    }

    @Override
    public String toString() {
        return "RawTracepointPlugin" + PREFIXES;
    }
}
