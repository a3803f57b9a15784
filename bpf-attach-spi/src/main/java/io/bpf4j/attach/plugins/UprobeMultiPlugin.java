package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.SectionTargetPlugin;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import io.bpf4j.syscall.UprobeMultiRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multi-uprobes: sections {@code uprobe.multi/<binary>:<glob>} and
 * {@code uretprobe.multi/<binary>:<glob>} (+ sleepable {@code .s} variants), programs of type
 * {@code BPF_PROG_TYPE_KPROBE} loaded with expected attach type {@code BPF_TRACE_UPROBE_MULTI}
 * (Linux 6.6). One {@code bpf_link} probes every function of the binary whose name matches the
 * glob, each with its own cookie if given; the bare prefixes attach by hand with
 * {@link UprobeMultiOptions} (a glob, function names or raw offsets, semaphores, a pid).
 */
public final class UprobeMultiPlugin extends SectionTargetPlugin<UprobeMultiOptions> {

    private static final Set<String> PREFIXES = Set.of("uprobe.multi", "uretprobe.multi", "uprobe.multi.s",
            "uretprobe.multi.s");

    /** Creates the plugin (ServiceLoader calls this). */
    public UprobeMultiPlugin() {
        super(UprobeMultiOptions.class);
    }

    @Override
    public String name() {
        return "uprobe.multi";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        // Before 6.6 the program still loads, as a plain kprobe program: attaching then says what is missing.
        AttachType type = kernelHasUprobeMulti(context) ? AttachType.TRACE_UPROBE_MULTI : null;
        return new ProgramDefinition(ProgramType.KPROBE, type, 0, prefix.endsWith(".s"), namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no binary and functions: attach it by hand with"
                + " UprobeMultiOptions.matching(<binary>, <glob>), .functions(...) or .offsets(...)";
    }

    @Override
    protected UprobeMultiOptions optionsFromSection(String sectionName) {
        return target(sectionName);
    }

    @Override
    protected Link attachWith(AttachContext context, UprobeMultiOptions options) {
        return attachTo(context, options);
    }

    private static Link attachTo(AttachContext context, UprobeMultiOptions options) {
        boolean retprobe = options.retprobe() || prefixOf(context.sectionName()).startsWith("uretprobe");
        String what = options.pattern() != null ? "'" + options.pattern() + "'"
                : !options.functions().isEmpty() ? options.functions().toString()
                : options.offsets().size() + " offsets";
        String description = AttachTargets.describe(context) + " -> " + (retprobe ? "uretprobe.multi " : "uprobe.multi ")
                + options.binary() + ":" + what + (options.pid() == -1 ? "" : " pid " + options.pid());
        if (!hasUprobeMulti(context.kernelBtf())) {
            throw new UnsupportedOperationException("cannot attach " + description + ": the kernel has no multi-uprobe"
                    + " links (BPF_TRACE_UPROBE_MULTI, Linux 6.6)");
        }
        Path binary;
        List<Long> offsets = new ArrayList<>();
        try {
            binary = BinaryPaths.resolve(options.binary());
            if (options.pattern() != null) {
                Map<String, Long> matches = FunctionOffsets.matching(binary, options.pattern());
                offsets.addAll(matches.values());
                description += " (" + matches.size() + " functions)";
            } else if (!options.functions().isEmpty()) {
                for (String function : options.functions()) {
                    offsets.add(FunctionOffsets.fileOffset(binary, function));
                }
            } else {
                offsets.addAll(options.offsets());
            }
        } catch (AttachException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        if (!options.cookies().isEmpty() && options.cookies().size() != offsets.size()) {
            throw new AttachException("cannot attach " + description + ": " + options.cookies().size()
                    + " cookies for " + offsets.size() + " probed places");
        }
        UprobeMultiRequest request = new UprobeMultiRequest(context.programFd(), binary.toString(),
                toArray(offsets), toArray(options.refCtrOffsets()), toArray(options.cookies()), retprobe,
                options.pid() == -1 ? 0 : options.pid());
        try {
            OwnedFd link = context.bpf().linkCreateUprobeMulti(request);
            return new BpfLink(link, description);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
    }

    private static boolean kernelHasUprobeMulti(LoadContext context) {
        Btf btf;
        try {
            btf = context == null ? null : context.kernelBtf();
        } catch (RuntimeException noKernelBtf) {
            btf = null;
        }
        return btf == null || hasUprobeMulti(btf);
    }

    /** {@return whether the kernel knows BPF_TRACE_UPROBE_MULTI (its enum bpf_attach_type, 6.6)} */
    static boolean hasUprobeMulti(Btf kernelBtf) {
        int id = kernelBtf.findByName("bpf_attach_type", BtfKind.ENUM);
        return id > 0 && ((BtfType.Enum) kernelBtf.type(id)).values().stream()
                .anyMatch(v -> v.name().equals("BPF_TRACE_UPROBE_MULTI"));
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a uprobe.multi");
    }

    /** {@return the options a section names ({@code <binary>:<glob>}), or null for a bare prefix} */
    static UprobeMultiOptions target(String sectionName) {
        String target = SectionNames.target(sectionName, prefixOf(sectionName));
        if (target.isEmpty()) {
            return null;
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new AttachException("section '" + sectionName + "': expected " + prefixOf(sectionName)
                    + "/<binary>:<glob>");
        }
        return UprobeMultiOptions.matching(Path.of(target.substring(0, colon)), target.substring(colon + 1)).build();
    }

    @Override
    public String toString() {
        return "UprobeMultiPlugin" + PREFIXES;
    }
}
