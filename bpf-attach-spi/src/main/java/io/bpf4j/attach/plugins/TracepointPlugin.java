package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.SectionTargetPlugin;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * Tracepoints through perf events: sections {@code tracepoint/<category>/<name>} and
 * {@code tp/<category>/<name>} ({@code BPF_PROG_TYPE_TRACEPOINT}); a bare {@code tracepoint} or
 * {@code tp} section attaches only by hand with {@link TracepointOptions}.
 *
 * <p>Attaching opens the tracepoint as a perf event ({@code PERF_TYPE_TRACEPOINT}, config = its
 * id in tracefs) and links the program to it ({@link PerfEventLink}).
 */
public final class TracepointPlugin extends SectionTargetPlugin<TracepointOptions> {

    /** {@code PERF_FLAG_FD_CLOEXEC} (include/uapi/linux/perf_event.h, Linux 3.14). */
    static final long PERF_FLAG_FD_CLOEXEC = 1L << 3;

    private static final Set<String> PREFIXES = Set.of("tracepoint", "tp");

    /** Creates the plugin (ServiceLoader calls this). */
    public TracepointPlugin() {
        super(TracepointOptions.class);
    }

    @Override
    public String name() {
        return "tracepoint";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        return new ProgramDefinition(ProgramType.TRACEPOINT, null, 0, false, namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no tracepoint: attach it by hand with"
                + " new TracepointOptions(<category>, <name>)";
    }

    @Override
    protected TracepointOptions optionsFromSection(String sectionName) {
        return parse(sectionName);
    }

    @Override
    protected Link attachWith(AttachContext context, TracepointOptions options) {
        return attachTo(context, options);
    }

    private static Link attachTo(AttachContext context, TracepointOptions target) {
        String description = "program " + context.programName() + " (" + context.sectionName() + ") -> tracepoint "
                + target.category() + "/" + target.name();
        long id;
        try {
            id = Tracefs.tracepointId(target.category(), target.name());
        } catch (AttachException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        PerfEventAttr attr = PerfEventAttr.builder(PerfEventAttr.TYPE_TRACEPOINT, id).build();
        OwnedFd event;
        try {
            // pid -1 with cpu 0: the program runs for every task on every CPU (the BPF program
            // hangs off the tracepoint itself, not off the per-CPU event).
            event = context.bpf().perfEventOpen(attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + ": perf_event_open of tracepoint id " + id
                    + " failed", e);
        }
        return PerfEventLink.attach(context.bpf(), event, context.programFd(), target.cookie(), description);
    }

    /** {@return the tracepoint a section names, or null for the bare prefix} */
    static TracepointOptions parse(String sectionName) {
        String prefix = SectionNames.requiredPrefix(sectionName, PREFIXES, "a tracepoint");
        String target = SectionNames.target(sectionName, prefix);
        if (target.isEmpty()) {
            return null;
        }
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1 || target.indexOf('/', slash + 1) >= 0) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<category>/<name>");
        }
        return new TracepointOptions(target.substring(0, slash), target.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "TracepointPlugin" + PREFIXES;
    }
}
