package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.SectionTargetPlugin;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.KprobeMultiRequest;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.List;
import java.util.Set;

/**
 * Multi-kprobes through fprobe: sections {@code kprobe.multi/<glob>}, {@code
 * kretprobe.multi/<glob>} ({@code BPF_TRACE_KPROBE_MULTI}, Linux 5.18) and {@code
 * kprobe.session/<glob>} ({@code BPF_TRACE_KPROBE_SESSION}, 6.10): one link probes every
 * traceable function matching the pattern. Bare prefixes attach by hand with
 * {@link KprobeMultiOptions}.
 */
public final class KprobeMultiPlugin extends SectionTargetPlugin<KprobeMultiOptions> {

    private static final Set<String> PREFIXES = Set.of("kprobe.multi", "kretprobe.multi", "kprobe.session");

    /** Creates the plugin (ServiceLoader calls this). */
    public KprobeMultiPlugin() {
        super(KprobeMultiOptions.class);
    }

    @Override
    public String name() {
        return "kprobe.multi";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        AttachType type = prefix.equals("kprobe.session") ? AttachType.TRACE_KPROBE_SESSION
                : AttachType.TRACE_KPROBE_MULTI;
        return new ProgramDefinition(ProgramType.KPROBE, type, 0, false, namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no pattern: attach it by hand with"
                + " KprobeMultiOptions.matching(<glob>) or KprobeMultiOptions.of(<functions>)";
    }

    @Override
    protected KprobeMultiOptions optionsFromSection(String sectionName) {
        String pattern = SectionNames.target(sectionName, prefixOf(sectionName));
        return pattern.isEmpty() ? null : KprobeMultiOptions.matching(pattern);
    }

    @Override
    protected Link attachWith(AttachContext context, KprobeMultiOptions multi) {
        String prefix = prefixOf(context.sectionName());
        AttachType type = prefix.equals("kprobe.session") ? AttachType.TRACE_KPROBE_SESSION
                : AttachType.TRACE_KPROBE_MULTI;
        boolean retprobe = multi.retprobe() || prefix.equals("kretprobe.multi");
        String description = AttachTargets.describe(context) + " -> " + type.uapiName() + " on "
                + (multi.pattern() != null ? "'" + multi.pattern() + "'" : multi.functions().size() + " functions");
        List<String> functions = multi.pattern() != null ? KernelSymbols.matching(multi.pattern(), description)
                : multi.functions();
        long[] cookies = multi.cookies().stream().mapToLong(Long::longValue).toArray();
        try {
            OwnedFd link = context.bpf().linkCreateKprobeMulti(new KprobeMultiRequest(context.programFd(), type, retprobe,
                    functions, new long[0], cookies));
            return new BpfLink(link, description + " (" + functions.size() + " functions)");
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + " (needs CONFIG_FPROBE; Linux 5.18, "
                    + "session 6.10)", e);
        }
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a multi-kprobe");
    }

    @Override
    public String toString() {
        return "KprobeMultiPlugin" + PREFIXES;
    }
}
