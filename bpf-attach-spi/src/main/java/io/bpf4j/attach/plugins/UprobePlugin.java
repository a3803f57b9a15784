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
import java.nio.file.Path;
import java.util.Set;

/**
 * User-space probes through the uprobe PMU: sections {@code uprobe/<binary>:<function>[+<offset>]}
 * and {@code uretprobe/...} ({@code BPF_PROG_TYPE_KPROBE}), their sleepable variants
 * {@code uprobe.s/...} and {@code uretprobe.s/...} ({@code BPF_F_SLEEPABLE}, Linux 6.0), and the
 * bare prefixes, which attach only by hand with {@link UprobeOptions}.
 *
 * <p>The function's file offset comes from the binary's ELF symbols; the probe is a perf event of
 * the {@code uprobe} PMU (config1 = path, config2 = offset, the {@code retprobe} config bit for
 * return probes) linked to the program ({@link PerfEventLink}). A program in a
 * {@code uretprobe} section always probes returns.
 */
public final class UprobePlugin extends SectionTargetPlugin<UprobeOptions> {

    private static final Set<String> PREFIXES = Set.of("uprobe", "uretprobe", "uprobe.s", "uretprobe.s");

    /** Creates the plugin (ServiceLoader calls this). */
    public UprobePlugin() {
        super(UprobeOptions.class);
    }

    @Override
    public String name() {
        return "uprobe";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        return new ProgramDefinition(ProgramType.KPROBE, null, 0, prefix.endsWith(".s"), namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no binary and function: attach it by hand with"
                + " UprobeOptions.builder(<binary>)";
    }

    @Override
    protected UprobeOptions optionsFromSection(String sectionName) {
        UprobeTarget target = target(sectionName);
        return target == null ? null : new UprobeOptions(target.binary(), target.function(), target.offset(), -1,
                isReturnSection(sectionName), 0);
    }

    @Override
    protected Link attachWith(AttachContext context, UprobeOptions options) {
        if (!options.retprobe() && isReturnSection(context.sectionName())) {
            options = new UprobeOptions(options.binary(), options.function(), options.offset(), options.pid(), true,
                    options.cookie());
        }
        return attachTo(context, options);
    }

    private static Link attachTo(AttachContext context, UprobeOptions options) {
        String where = options.binary() + ":" + (options.function() == null
                ? "0x" + Long.toHexString(options.offset())
                : options.function() + (options.offset() != 0 ? "+0x" + Long.toHexString(options.offset()) : ""));
        String description = "program " + context.programName() + " (" + context.sectionName() + ") -> "
                + (options.retprobe() ? "uretprobe " : "uprobe ") + where
                + (options.pid() == -1 ? "" : " pid " + options.pid());
        Path binary;
        long fileOffset;
        int pmuType;
        long config;
        try {
            binary = BinaryPaths.resolve(options.binary());
            fileOffset = options.function() == null ? options.offset()
                    : FunctionOffsets.fileOffset(binary, options.function()) + options.offset();
            pmuType = UprobePmu.type();
            config = options.retprobe() ? 1L << UprobePmu.retprobeBit() : 0;
        } catch (AttachException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        PerfEventAttr attr = PerfEventAttr.builder(pmuType, config)
                .uprobePath(binary.toString())
                .config2(fileOffset)
                .build();
        OwnedFd event;
        try {
            // The kernel refuses pid -1 with cpu -1; every-process probes are opened on cpu 0,
            // which does not restrict where the BPF program runs.
            int cpu = options.pid() == -1 ? 0 : -1;
            event = context.bpf().perfEventOpen(attr, options.pid(), cpu, -1, TracepointPlugin.PERF_FLAG_FD_CLOEXEC);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description + ": perf_event_open of the uprobe at "
                    + binary + " offset 0x" + Long.toHexString(fileOffset) + " failed", e);
        }
        return PerfEventLink.attach(context.bpf(), event, context.programFd(), options.cookie(), description);
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a uprobe");
    }

    static boolean isReturnSection(String sectionName) {
        return prefixOf(sectionName).startsWith("uretprobe");
    }

    /** {@return the target a section names, or null for a bare prefix} */
    static UprobeTarget target(String sectionName) {
        String prefix = prefixOf(sectionName);
        String target = SectionNames.target(sectionName, prefix);
        return target.isEmpty() ? null : UprobeTarget.parse(sectionName, target);
    }

    @Override
    public String toString() {
        return "UprobePlugin" + PREFIXES;
    }
}
