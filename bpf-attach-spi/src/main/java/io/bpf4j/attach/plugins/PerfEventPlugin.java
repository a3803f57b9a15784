package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.CompositeLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgramType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sampling programs: section {@code perf_event} ({@code BPF_PROG_TYPE_PERF_EVENT}, Linux 4.9),
 * attached by hand with {@link PerfEventOptions}: one perf event per CPU, each sampling at the
 * given frequency or period and running the program on every sample, gathered in a
 * {@link CompositeLink}. Software clocks work everywhere; hardware counters need a PMU.
 */
public final class PerfEventPlugin implements AttachPlugin {

    /** Creates the plugin (ServiceLoader calls this). */
    public PerfEventPlugin() {
    }

    @Override
    public String name() {
        return "perf_event";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of("perf_event");
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (!sectionName.equals("perf_event")) {
            throw new AttachException("section '" + sectionName + "': expected perf_event");
        }
        return new ProgramDefinition(ProgramType.PERF_EVENT, null, 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section 'perf_event' names no event: attach it by hand with PerfEventOptions, e.g."
                + " PerfEventOptions.cpuClockFrequency(99)";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (!(options instanceof PerfEventOptions perf)) {
            return AttachPlugin.super.attach(context, options);
        }
        List<Integer> cpus = perf.cpus().isEmpty() ? OnlineCpus.read() : perf.cpus();
        String what = "perf event (type " + perf.type() + ", config " + perf.config() + ", "
                + (perf.frequency() ? perf.rate() + " Hz" : "period " + perf.rate()) + ")";
        List<Link> made = new ArrayList<>();
        try {
            for (int cpu : cpus) {
                PerfEventAttr.Builder attr = PerfEventAttr.builder(perf.type(), perf.config());
                if (perf.frequency()) {
                    attr.sampleFreq(perf.rate());
                } else {
                    attr.samplePeriod(perf.rate());
                }
                String description = AttachTargets.describe(context) + " -> " + what + " on CPU " + cpu;
                OwnedFd event;
                try {
                    event = context.bpf().perfEventOpen(attr.build(), perf.pid(), cpu, -1,
                            TracepointPlugin.PERF_FLAG_FD_CLOEXEC);
                } catch (RuntimeException e) {
                    throw new AttachException("cannot attach " + description + ": perf_event_open failed"
                            + (perf.type() == PerfEventAttr.TYPE_HARDWARE ? " (a hardware event needs a PMU;"
                            + " software clocks work without one)" : ""), e);
                }
                made.add(PerfEventLink.attach(context.bpf(), event, context.programFd(), perf.cookie(), description));
            }
        } catch (RuntimeException | Error e) {
            CompositeLink.closeAfterFailure(made, e);
            throw e;
        }
        return new CompositeLink(made, AttachTargets.describe(context) + " -> " + what + " on CPUs " + cpus);
    }

    @Override
    public String toString() {
        return "PerfEventPlugin[perf_event]";
    }
}
