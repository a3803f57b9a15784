package io.bpf4j.testkit.tracing;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A test-only attach plugin, through the public SPI, for what bpf4j has no
 * plugin for yet: {@code testkit.kprobe/<function>} (the kprobe PMU plus a perf
 * link) and {@code testkit.fentry/<function>} and {@code testkit.iter/<target>}
 * (TRACING programs whose load-time target is a BTF id). Its prefixes are its
 * own, so it never competes with bpf4j's plugins for {@code kprobe/} or
 * {@code fentry/}.
 */
public final class KernelFunctionPlugin implements AttachPlugin {
    static final String KPROBE = "testkit.kprobe";
    static final String FENTRY = "testkit.fentry";
    static final String ITER = "testkit.iter";
    private static final Path KPROBE_PMU_TYPE = Path.of("/sys/bus/event_source/devices/kprobe/type");

    /** Called by ServiceLoader. */
    public KernelFunctionPlugin() {
    }

    @Override
    public String name() {
        return "testkit-kernel-functions";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return Set.of(KPROBE, FENTRY, ITER);
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        if (SectionNames.hasPrefix(sectionName, KPROBE)) {
            return new ProgramDefinition(ProgramType.KPROBE, null, 0, false, true);
        }
        if (SectionNames.hasPrefix(sectionName, FENTRY)) {
            int id = btfId(context.kernelBtf(), target(sectionName, FENTRY), sectionName);
            return new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_FENTRY, id, false, true);
        }
        int id = btfId(context.kernelBtf(), "bpf_iter_" + target(sectionName, ITER), sectionName);
        return new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_ITER, id, false, false);
    }

    @Override
    public Link attach(AttachContext context) {
        String section = context.sectionName();
        if (SectionNames.hasPrefix(section, FENTRY)) {
            OwnedFd fd = context.bpf().rawTracepointOpen(null, context.programFd());
            return new BpfLink(fd, context + " -> fentry " + target(section, FENTRY));
        }
        if (SectionNames.hasPrefix(section, KPROBE)) {
            String function = target(section, KPROBE);
            int type;
            try {
                type = Integer.parseInt(Files.readString(KPROBE_PMU_TYPE).trim());
            } catch (IOException | NumberFormatException e) {
                throw new AttachException("cannot attach " + context + ": no kprobe PMU (" + KPROBE_PMU_TYPE + ")");
            }
            // The kprobe PMU takes the function's name where a uprobe takes the binary's path (config1).
            PerfEventAttr attr = PerfEventAttr.builder(type, 0).uprobePath(function).probeOffset(0).build();
            OwnedFd event = context.bpf().perfEventOpen(attr, -1, 0, -1, 0);
            return PerfEventLink.attach(context.bpf(), event, context.programFd(), 0, context + " -> kprobe " + function);
        }
        throw new AttachException(context + ": iterators are attached with IteratorReader");
    }

    private static String target(String sectionName, String prefix) {
        String t = SectionNames.target(sectionName, prefix);
        if (t.isEmpty()) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<name>");
        }
        return t;
    }

    private static int btfId(Btf btf, String function, String sectionName) {
        int id = btf.findByName(function, BtfKind.FUNC);
        if (id <= 0) {
            throw new AttachException("section '" + sectionName + "': the kernel's BTF has no function " + function);
        }
        return id;
    }
}
