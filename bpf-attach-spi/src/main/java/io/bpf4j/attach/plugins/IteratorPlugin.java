package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.LinkCreateRequest;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.Set;

/**
 * BPF iterators: sections {@code iter/<target>} and sleepable {@code iter.s/<target>}
 * ({@code BPF_PROG_TYPE_TRACING} with {@code BPF_TRACE_ITER}, Linux 5.8), such as
 * {@code iter/task}, {@code iter/task_file}, {@code iter/task_vma}, {@code iter/bpf_map},
 * {@code iter/bpf_map_elem}, {@code iter/tcp}, {@code iter/udp}. The target is fixed at load:
 * {@code attach_btf_id} is the kernel function {@code bpf_iter_<target>}. Attaching returns an
 * {@link IteratorLink} whose walks are read as streams.
 *
 * <p>Targets that walk everything attach from the section name; those that need a map
 * ({@code bpf_map_elem}, {@code bpf_sk_storage_map}, {@code sockmap}) or a cgroup
 * ({@code cgroup}) attach by hand with {@link IteratorOptions}.
 *
 * <p>Some kernels refuse the map-element targets at load: the 6.18.44 Firecracker kernel bpf4j is
 * built on answers {@code BPF_PROG_LOAD} for {@code bpf_map_elem}, {@code bpf_sk_storage_map} and
 * {@code sockmap} (the targets whose context holds {@code PTR_TO_BUF} pointers) with EPERM and an
 * empty verifier log, even for a two-instruction program, and refuses libbpf
 * ({@code bpftool prog load}) the same way, while the other targets load; Debian's kernels load
 * and run them.
 */
public final class IteratorPlugin implements AttachPlugin {

    private static final Set<String> PREFIXES = Set.of("iter", "iter.s");
    /** The kernel names each target's BTF anchor {@code bpf_iter_<target>} (kernel/bpf/bpf_iter.c, DEFINE_BPF_ITER_FUNC). */
    static final String FUNC_PREFIX = "bpf_iter_";
    private static final Set<String> NEEDS_OPTIONS = Set.of("bpf_map_elem", "bpf_sk_storage_map", "sockmap", "cgroup");

    /** Creates the plugin (ServiceLoader calls this). */
    public IteratorPlugin() {
    }

    @Override
    public String name() {
        return "iter";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = SectionNames.longestPrefix(sectionName, PREFIXES);
        String target = target(sectionName);
        int id = context.kernelBtf().findByName(FUNC_PREFIX + target, BtfKind.FUNC);
        if (id <= 0) {
            throw new AttachException("section '" + sectionName + "': the kernel has no iterator " + target
                    + " (no function " + FUNC_PREFIX + target + " in its BTF)");
        }
        return new ProgramDefinition(ProgramType.TRACING, AttachType.TRACE_ITER, id, prefix.equals("iter.s"),
                !NEEDS_OPTIONS.contains(target));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        String target = target(sectionName);
        return "iterator " + target + " walks " + (target.equals("cgroup") ? "a cgroup hierarchy" : "one map")
                + ": attach it by hand with IteratorOptions." + (target.equals("cgroup") ? "cgroup(<fd>, <order>)"
                : "map(<map fd>)");
    }

    @Override
    public Link attach(AttachContext context) {
        if (NEEDS_OPTIONS.contains(target(context.sectionName()))) {
            throw new AttachException("program " + context.programName() + ": "
                    + manualAttachHint(context.sectionName()));
        }
        return attachWith(context, IteratorOptions.none());
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        if (options instanceof IteratorOptions iterator) {
            return attachWith(context, iterator);
        }
        return AttachPlugin.super.attach(context, options);
    }

    private static Link attachWith(AttachContext context, IteratorOptions options) {
        String description = AttachTargets.describe(context) + " -> iterator " + target(context.sectionName());
        try {
            OwnedFd link = context.bpf().linkCreate(new LinkCreateRequest(context.programFd(), 0, AttachType.TRACE_ITER,
                    0, 0, 0, options.linkInfo()));
            return new IteratorLink(context.bpf(), link, description);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + description, e);
        }
    }

    static String target(String sectionName) {
        String prefix = SectionNames.requiredPrefix(sectionName, PREFIXES, "an iterator");
        String target = SectionNames.target(sectionName, prefix);
        if (target.isEmpty() || target.contains("/")) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<iterator>, such as"
                    + " iter/task or iter/bpf_map_elem");
        }
        return target;
    }

    @Override
    public String toString() {
        return "IteratorPlugin" + PREFIXES;
    }
}
