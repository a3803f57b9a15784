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
import java.util.Optional;
import java.util.Set;

/**
 * Kernel probes ({@code BPF_PROG_TYPE_KPROBE}): sections {@code kprobe/<function>[+<offset>]},
 * {@code kretprobe/<function>}, and {@code ksyscall/<syscall>} / {@code kretsyscall/<syscall>},
 * which probe the architecture's system call wrapper ({@code __x64_sys_openat} for
 * {@code ksyscall/openat}). Bare prefixes attach by hand with {@link KprobeOptions}.
 *
 * <p>The probe is a perf event of the kprobe PMU (config1 = function name, config2 = offset;
 * Linux 4.17) linked to the program; without the PMU, the tracefs {@code kprobe_events} path
 * defines the probe and opens it as a tracepoint. A function that is not in the kernel, not
 * traceable, or renamed by the compiler ({@code .isra.0}) fails with a message that says so.
 */
public final class KprobePlugin extends SectionTargetPlugin<KprobeOptions> {

    private static final Set<String> PREFIXES = Set.of("kprobe", "kretprobe", "ksyscall", "kretsyscall");

    /** Creates the plugin (ServiceLoader calls this). */
    public KprobePlugin() {
        super(KprobeOptions.class);
    }

    @Override
    public String name() {
        return "kprobe";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        return new ProgramDefinition(ProgramType.KPROBE, null, 0, false, namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no function: attach it by hand with KprobeOptions.of(<function>)";
    }

    @Override
    protected KprobeOptions optionsFromSection(String sectionName) {
        return target(sectionName).orElse(null);
    }

    @Override
    protected Link attachWith(AttachContext context, KprobeOptions options) {
        if (isReturnSection(context.sectionName()) && !options.retprobe()) {
            options = new KprobeOptions(options.function(), 0, true, options.cookie(), options.legacy());
        }
        return attachTo(context, options);
    }

    private static Link attachTo(AttachContext context, KprobeOptions options) {
        String function = isSyscallSection(context.sectionName())
                ? KernelSymbols.syscallFunction(options.function()) : options.function();
        String description = AttachTargets.describe(context) + " -> " + (options.retprobe() ? "kretprobe " : "kprobe ")
                + function + (options.offset() != 0 ? "+0x" + Long.toHexString(options.offset()) : "");
        KernelSymbols.checkProbeable(function, description);
        if (!options.legacy() && KprobePmu.exists()) {
            int type = KprobePmu.type();
            long config = options.retprobe() ? 1L << KprobePmu.retprobeBit() : 0;
            PerfEventAttr attr = PerfEventAttr.builder(type, config)
                    .kprobeFunction(function)
                    .config2(options.offset())
                    .build();
            OwnedFd event;
            try {
                event = context.bpf().perfEventOpen(attr, -1, 0, -1, TracepointPlugin.PERF_FLAG_FD_CLOEXEC);
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description + ": perf_event_open of the kprobe failed", e);
            }
            return PerfEventLink.attach(context.bpf(), event, context.programFd(), options.cookie(), description);
        }
        String event = TracefsKprobe.eventName(function);
        long id = TracefsKprobe.define(event, function, options.offset(), options.retprobe(), description);
        try {
            OwnedFd perf = context.bpf().perfEventOpen(PerfEventAttr.builder(PerfEventAttr.TYPE_TRACEPOINT, id).build(),
                    -1, 0, -1, TracepointPlugin.PERF_FLAG_FD_CLOEXEC);
            PerfEventLink link = PerfEventLink.attach(context.bpf(), perf, context.programFd(), options.cookie(),
                    description + " (tracefs " + TracefsKprobe.GROUP + "/" + event + ")");
            return new TracefsProbeLink(link, event);
        } catch (RuntimeException e) {
            TracefsKprobe.remove(event);
            throw new AttachException("cannot attach " + description + " through tracefs", e);
        }
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a kprobe");
    }

    static boolean isReturnSection(String sectionName) {
        return prefixOf(sectionName).startsWith("kret");
    }

    static boolean isSyscallSection(String sectionName) {
        return prefixOf(sectionName).endsWith("syscall");
    }

    /** {@return the probe a section names, or empty for a bare prefix} */
    static Optional<KprobeOptions> target(String sectionName) {
        String prefix = prefixOf(sectionName);
        String target = SectionNames.target(sectionName, prefix);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String function = target;
        long offset = 0;
        int plus = target.indexOf('+');
        if (plus >= 0) {
            function = target.substring(0, plus);
            try {
                String number = target.substring(plus + 1);
                offset = number.startsWith("0x") ? Long.parseLong(number.substring(2), 16) : Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw new AttachException("section '" + sectionName + "': bad offset in " + target);
            }
            if (!prefix.equals("kprobe")) {
                throw new AttachException("section '" + sectionName + "': only kprobe sections take an offset");
            }
        }
        try {
            return Optional.of(new KprobeOptions(function, offset, prefix.startsWith("kret"), 0, false));
        } catch (IllegalArgumentException e) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<function>"
                    + (prefix.equals("kprobe") ? "[+<offset>]" : "") + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "KprobePlugin" + PREFIXES;
    }
}
