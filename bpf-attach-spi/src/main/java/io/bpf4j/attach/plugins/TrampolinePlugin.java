package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.KernelType;
import io.bpf4j.attach.BpfLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.LinkCreateRequest;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BPF trampolines: {@code fentry/<function>}, {@code fexit/<function>}, {@code fmod_ret/<function>}
 * and their sleepable {@code .s} variants ({@code BPF_PROG_TYPE_TRACING}, Linux 5.5; fmod_ret
 * 5.7); {@code lsm/<hook>}, {@code lsm.s/<hook>} ({@code BPF_PROG_TYPE_LSM}, 5.7) and
 * {@code lsm_cgroup/<hook>} (6.0); and {@code freplace/<function>} ({@code BPF_PROG_TYPE_EXT},
 * 5.6).
 *
 * <p>The target is fixed at load: {@code attach_btf_id} is the function's {@code FUNC} id in the
 * kernel's BTF ({@code bpf_lsm_<hook>} for LSM hooks). Attaching makes a tracing link
 * ({@code BPF_LINK_CREATE}, 5.10+) or, on older kernels, {@code BPF_RAW_TRACEPOINT_OPEN}.
 * {@code lsm_cgroup} attaches by hand to a cgroup with {@link CgroupOptions}; {@code freplace}
 * needs its target program at load (the loader's {@code attach_prog_fd}) and attaches with
 * {@link FreplaceOptions}.
 *
 * <p>fentry/fexit/fmod_ret targets may be module functions, as in libbpf: {@code fentry/<module>:<function>}
 * searches that module's BTF only; a plain {@code fentry/<function>} searches vmlinux, then every
 * loaded module ({@link LoadContext#findKernelType}). A module target is loaded with
 * {@code attach_btf_obj_fd}, the module's BTF object ({@link ProgramDefinition#attachBtfObjId()}).
 */
public final class TrampolinePlugin implements AttachPlugin {

    private record Kind(ProgramType type, AttachType attachType, boolean sleepable, String btfPrefix) {
    }

    /** The kernel's BTF anchor of LSM hook {@code h} is {@code bpf_lsm_h} (kernel/bpf/bpf_lsm.c). */
    static final String LSM_PREFIX = "bpf_lsm_";

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("fentry", new Kind(ProgramType.TRACING, AttachType.TRACE_FENTRY, false, ""));
        KINDS.put("fentry.s", new Kind(ProgramType.TRACING, AttachType.TRACE_FENTRY, true, ""));
        KINDS.put("fexit", new Kind(ProgramType.TRACING, AttachType.TRACE_FEXIT, false, ""));
        KINDS.put("fexit.s", new Kind(ProgramType.TRACING, AttachType.TRACE_FEXIT, true, ""));
        KINDS.put("fmod_ret", new Kind(ProgramType.TRACING, AttachType.MODIFY_RETURN, false, ""));
        KINDS.put("fmod_ret.s", new Kind(ProgramType.TRACING, AttachType.MODIFY_RETURN, true, ""));
        KINDS.put("lsm", new Kind(ProgramType.LSM, AttachType.LSM_MAC, false, LSM_PREFIX));
        KINDS.put("lsm.s", new Kind(ProgramType.LSM, AttachType.LSM_MAC, true, LSM_PREFIX));
        KINDS.put("lsm_cgroup", new Kind(ProgramType.LSM, AttachType.LSM_CGROUP, false, LSM_PREFIX));
        KINDS.put("freplace", new Kind(ProgramType.EXT, null, false, null));
    }

    /** Creates the plugin (ServiceLoader calls this). */
    public TrampolinePlugin() {
    }

    @Override
    public String name() {
        return "trampoline";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return KINDS.keySet();
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        Kind kind = KINDS.get(prefix);
        String target = target(sectionName, prefix);
        if (kind.type() == ProgramType.EXT) {
            // The replaced function lives in another program's BTF, known only with that program.
            if (target.contains(":")) {
                throw new AttachException("section '" + sectionName + "': freplace replaces a BPF program's"
                        + " function, which has no module: expected freplace/<function>");
            }
            return new ProgramDefinition(ProgramType.EXT, null, 0, false, false);
        }
        int colon = target.indexOf(':');
        String module = colon < 0 ? null : target.substring(0, colon);
        String function = kind.btfPrefix() + target.substring(colon + 1);
        if (module != null && (module.isEmpty() || function.equals(kind.btfPrefix()) || kind.type() == ProgramType.LSM)) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<function> or "
                    + prefix + "/<module>:<function>" + (kind.type() == ProgramType.LSM
                    ? " (LSM hooks are vmlinux functions: no module prefix)" : ""));
        }
        Optional<KernelType> found = context.findKernelType(kind.type() == ProgramType.LSM ? KernelType.VMLINUX : module,
                function, BtfKind.FUNC);
        if (found.isEmpty()) {
            throw new AttachException("section '" + sectionName + "': " + (module == null
                    ? "the kernel's BTF (vmlinux and loaded modules) has no function " + function
                    : "no function " + function + " in the BTF of module " + module + " (is it loaded?"
                    + " see /sys/kernel/btf/" + module + ")")
                    + (kind.type() == ProgramType.LSM ? " (no such LSM hook, or the kernel lacks CONFIG_BPF_LSM)"
                    : " (not in this kernel, inlined, or renamed by the compiler, e.g. " + function + ".isra.0)"));
        }
        KernelType t = found.get();
        return new ProgramDefinition(kind.type(), kind.attachType(), t.typeId(), kind.sleepable(),
                kind.attachType() != AttachType.LSM_CGROUP, 0, t.btfObjectId());
    }

    @Override
    public String manualAttachHint(String sectionName) {
        String prefix = prefixOf(sectionName);
        if (prefix.equals("lsm_cgroup")) {
            return "section '" + sectionName + "' attaches to a cgroup: attach it by hand with CgroupOptions.of(<cgroup>)";
        }
        return "section '" + sectionName + "' replaces a function of another program: load it with that program as"
                + " attach_prog_fd and attach it by hand with new FreplaceOptions(<target fd>, <BTF id>)";
    }

    @Override
    public Link attach(AttachContext context) {
        String prefix = prefixOf(context.sectionName());
        if (prefix.equals("lsm_cgroup") || prefix.equals("freplace")) {
            throw new AttachException("program " + context.programName() + ": " + manualAttachHint(context.sectionName()));
        }
        Kind kind = KINDS.get(prefix);
        String description = AttachTargets.describe(context) + " -> " + prefix + " "
                + target(context.sectionName(), prefix);
        try {
            OwnedFd link = context.bpf().linkCreate(context.programFd(), 0, kind.attachType(), 0);
            return new BpfLink(link, description);
        } catch (BpfException e) {
            if (e.errno() != Errno.EINVAL) {
                throw new AttachException("cannot attach " + description, e);
            }
            try {
                // Kernels before tracing links (5.10) attach trampolines through RAW_TRACEPOINT_OPEN.
                return new BpfLink(context.bpf().rawTracepointOpen(null, context.programFd()), description);
            } catch (RuntimeException again) {
                again.addSuppressed(e);
                throw new AttachException("cannot attach " + description, again);
            }
        }
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        String prefix = prefixOf(context.sectionName());
        if (options instanceof TrampolineOptions trampoline && !prefix.equals("lsm_cgroup") && !prefix.equals("freplace")) {
            String description = AttachTargets.describe(context) + " -> " + prefix + " "
                    + target(context.sectionName(), prefix) + " cookie " + trampoline.cookie();
            try {
                // A cookie lives in the tracing link (5.19): no RAW_TRACEPOINT_OPEN fallback.
                return new BpfLink(context.bpf().linkCreate(new LinkCreateRequest(context.programFd(), 0,
                        KINDS.get(prefix).attachType(), 0, 0, trampoline.cookie(), null)), description);
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description
                        + (trampoline.cookie() != 0 ? " (tracing link cookies need Linux 5.19)" : ""), e);
            }
        }
        if (options instanceof CgroupOptions cgroup && prefix.equals("lsm_cgroup")) {
            String description = AttachTargets.describe(context) + " -> lsm_cgroup "
                    + target(context.sectionName(), prefix) + " in " + cgroup.cgroup();
            try (OwnedFd target = AttachTargets.openCgroup(context.bpf(), cgroup.cgroup(), description)) {
                return new BpfLink(context.bpf().linkCreate(context.programFd(), target.fd(), AttachType.LSM_CGROUP, 0),
                        description);
            } catch (RuntimeException e) {
                throw e instanceof AttachException ? e : new AttachException("cannot attach " + description, e);
            }
        }
        if (options instanceof FreplaceOptions freplace && prefix.equals("freplace")) {
            String description = AttachTargets.describe(context) + " -> freplace "
                    + target(context.sectionName(), prefix) + " of prog fd " + freplace.targetProgFd();
            try {
                // An extension's link names no attach type: the kernel dispatches on the program type
                // (0 is the value of the first enum constant, not a meaningful hook). The kernel takes
                // the target program and function together or not at all (EINVAL otherwise, 5.10+):
                // without a BTF id, neither is sent and the load-time target is used.
                boolean loadTimeTarget = freplace.targetBtfId() == 0;
                OwnedFd link = context.bpf().linkCreate(new LinkCreateRequest(context.programFd(),
                        loadTimeTarget ? 0 : freplace.targetProgFd(), AttachType.CGROUP_INET_INGRESS, 0,
                        freplace.targetBtfId(), 0, null));
                return new BpfLink(link, description);
            } catch (RuntimeException e) {
                throw new AttachException("cannot attach " + description, e);
            }
        }
        return AttachPlugin.super.attach(context, options);
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, KINDS.keySet(), "a trampoline");
    }

    private static String target(String sectionName, String prefix) {
        String target = SectionNames.target(sectionName, prefix);
        if (target.isEmpty() || target.contains("/")) {
            throw new AttachException("section '" + sectionName + "': expected " + prefix + "/<function>");
        }
        return target;
    }

    @Override
    public String toString() {
        return "TrampolinePlugin" + KINDS.keySet();
    }
}
