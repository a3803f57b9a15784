package io.bpf4j.loader.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.core.ExternReport;
import io.bpf4j.core.ExternStatus;
import io.bpf4j.elf.object.ExternKind;
import io.bpf4j.elf.object.ExternReference;
import io.bpf4j.elf.object.ExternSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.loader.BpfLog;
import io.bpf4j.loader.ExternResolutionException;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.OwnedFd;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves an object's externs against the running kernel, as libbpf's
 * {@code bpf_object__resolve_externs} does, before anything is created:
 * <ul>
 *   <li>{@code __kconfig}: libbpf's virtual {@code LINUX_KERNEL_VERSION},
 *       {@code LINUX_HAS_BPF_COOKIE}, {@code LINUX_HAS_SYSCALL_WRAPPER} (other {@code LINUX_*}
 *       only if weak, then 0); {@code CONFIG_*} from the user's text first
 *       ({@code BpfObject.kconfig}), then the kernel's configuration
 *       ({@link KernelConfigFile}); a weak one found nowhere is 0;</li>
 *   <li>typed {@code __ksym} variables and kfuncs: by BTF, vmlinux first, then the loaded
 *       modules, the type checked as libbpf checks it ({@link ExternReport#against}); a
 *       module's BTF is opened by id, and for kfuncs put in the programs' {@code fd_array};</li>
 *   <li>untyped {@code __ksym} variables: by address, from {@code /proc/kallsyms}.</li>
 * </ul>
 * A weak ksym or kfunc that is missing (or a weak kfunc whose prototype does not match) becomes
 * {@link ExternTarget.Absent}; anything else that does not resolve is an
 * {@link ExternResolutionException} naming the extern, the first program using it and the object.
 */
public final class ExternResolver {
    private static final System.Logger LOG = BpfLog.logger(ExternResolver.class);

    private final ObjectSpec spec;
    private final KconfigLayout kconfig;
    private final LoaderServices services;
    private final Map<String, String> firstUser = new HashMap<>();
    private final List<OwnedFd> moduleFds = new ArrayList<>();
    private final Map<String, Integer> fdArrayIndexByModule = new LinkedHashMap<>();
    private final Map<String, OwnedFd> fdByModule = new HashMap<>();

    private ExternResolver(ObjectSpec spec, KconfigLayout kconfig, LoaderServices services) {
        this.spec = spec;
        this.kconfig = kconfig;
        this.services = services;
        for (ProgramSpec p : spec.programs()) {
            for (ExternReference r : p.externReferences()) {
                firstUser.putIfAbsent(r.name(), p.name());
            }
        }
    }

    /**
     * @param spec        the object
     * @param kconfig     its kconfig layout
     * @param userKconfig Kconfig text the user gave, or null
     * @param services    the kernel
     * @return what every extern resolved to; close it once the programs are loaded
     * @throws ExternResolutionException when an extern cannot be resolved (nothing is left open)
     */
    public static ResolvedExterns resolve(ObjectSpec spec, KconfigLayout kconfig, String userKconfig,
            LoaderServices services) {
        ExternResolver r = new ExternResolver(spec, kconfig, services);
        try {
            return r.run(userKconfig);
        } catch (RuntimeException | Error e) {
            r.moduleFds.forEach(OwnedFd::close);
            throw e;
        }
    }

    private ResolvedExterns run(String userKconfig) {
        List<ExternSpec> all = externsInLibbpfOrder();
        Map<String, ExternTarget> targets = new HashMap<>();
        byte[] kconfigValue = new byte[0];
        if (!kconfig.isEmpty()) {
            try {
                kconfigValue = kconfigValues(userKconfig);
            } catch (ExternResolutionException e) {
                if (e.programName().isPresent() || !firstUser.containsKey(e.externName())) {
                    throw e;
                }
                // Name the program too: the values are checked per extern, not per program.
                ExternResolutionException named = error(e.externName(), e.reason());
                named.initCause(e);
                throw named;
            }
            for (KconfigExtern e : kconfig.externs()) {
                targets.put(e.name(), new ExternTarget.KconfigValue(e.offset()));
            }
        }
        Set<String> untyped = new LinkedHashSet<>();
        for (int index = 0; index < all.size(); index++) {
            ExternSpec e = all.get(index);
            if (e.kind() == ExternKind.KCONFIG) {
                continue;
            }
            if (e.kind() == ExternKind.KSYM && !e.typed()) {
                untyped.add(e.name());
                continue;
            }
            targets.put(e.name(), byBtf(e, index));
        }
        if (!untyped.isEmpty()) {
            resolveByAddress(all, untyped, targets);
        }
        int[] fdArray = null;
        if (!fdArrayIndexByModule.isEmpty()) {
            fdArray = new int[fdArrayIndexByModule.size() + 1];
            for (Map.Entry<String, Integer> m : fdArrayIndexByModule.entrySet()) {
                fdArray[m.getValue()] = fdByModule.get(m.getKey()).fd();
            }
        }
        return new ResolvedExterns(spec.name(), kconfig, kconfigValue, targets, fdArray, moduleFds);
    }

    /** libbpf's {@code cmp_externs}: kconfig ones first (in layout order), then ksyms and kfuncs by name. */
    private List<ExternSpec> externsInLibbpfOrder() {
        Map<String, ExternSpec> byName = new LinkedHashMap<>();
        spec.externs().forEach(e -> byName.putIfAbsent(e.name(), e));
        // A kfunc call clang described only by a FUNC (no .ksyms DATASEC entry) is an extern too.
        for (ProgramSpec p : spec.programs()) {
            for (ExternReference r : p.externReferences()) {
                byName.putIfAbsent(r.name(), new ExternSpec(r.name(), r.kind(), r.weak(), true, r.btfTypeId(), 0));
            }
        }
        List<ExternSpec> out = new ArrayList<>();
        for (KconfigExtern k : kconfig.externs()) {
            out.add(byName.get(k.name()));
        }
        byName.values().stream().filter(e -> e.kind() != ExternKind.KCONFIG)
                .sorted(Comparator.comparing(ExternSpec::name)).forEach(out::add);
        return out;
    }

    private byte[] kconfigValues(String userKconfig) {
        KconfigValues values = new KconfigValues(kconfig);
        for (KconfigExtern e : kconfig.externs()) {
            String name = e.name();
            if (name.startsWith("CONFIG_")) {
                continue;
            }
            switch (name) {
                case "LINUX_KERNEL_VERSION" -> {
                    int version = LinuxKernelVersion.running();
                    if (version == 0) {
                        throw error(name, "cannot tell the kernel's version from uname (release '"
                                + UnameInfo.release() + "')");
                    }
                    values.setNumber(name, version, "the kernel's version");
                }
                case "LINUX_HAS_BPF_COOKIE" -> values.setNumber(name,
                        LinuxFeatureProbes.bpfCookie(services.bpf()) ? 1 : 0, "a feature probe");
                case "LINUX_HAS_SYSCALL_WRAPPER" -> values.setNumber(name,
                        LinuxFeatureProbes.syscallWrapper(services.bpf()) ? 1 : 0, "a feature probe");
                default -> {
                    if (!name.startsWith("LINUX_") || !e.weak()) {
                        throw error(name, "unknown kconfig extern: bpf4j supplies CONFIG_* from the kernel's"
                                + " configuration and LINUX_KERNEL_VERSION, LINUX_HAS_BPF_COOKIE,"
                                + " LINUX_HAS_SYSCALL_WRAPPER; other LINUX_* externs must be __weak (then 0)");
                    }
                    values.setNumber(name, 0, "an unknown weak LINUX_ extern");
                }
            }
        }
        if (values.needsConfig() && userKconfig != null) {
            values.apply(userKconfig, "the kconfig given to BpfObject.kconfig");
        }
        String lookedIn;
        if (values.needsConfig()) {
            Optional<KernelConfigFile> file = KernelConfigFile.find();
            if (file.isPresent()) {
                values.apply(file.get().text(), file.get().path().toString());
                lookedIn = file.get().path().toString();
            } else {
                lookedIn = "no kernel configuration (looked for " + KernelConfigFile.candidates().stream()
                        .map(Path::toString).collect(Collectors.joining(" and ")) + ")";
            }
            for (KconfigExtern e : kconfig.externs()) {
                if (values.isSet(e.name())) {
                    continue;
                }
                if (!e.weak()) {
                    throw error(e.name(), "not set by " + (userKconfig != null ? "the kconfig given to"
                            + " BpfObject.kconfig nor by " : "") + (file.isPresent() ? lookedIn : "anything: " + lookedIn)
                            + "; declare it __weak to read 0 when absent");
                }
                LOG.log(Level.DEBUG, "extern (kconfig) ''{0}'' (weak): not set, 0", e.name());
            }
        }
        return values.bytes();
    }

    private ExternTarget byBtf(ExternSpec e, int index) {
        Btf objectBtf = spec.btf().orElse(null);
        KernelBtfs kernel = services.kernelBtfs();
        ExternReport found = ExternReport.against(e, objectBtf, kernel.vmlinux());
        ModuleBtf module = null;
        if (found.status() == ExternStatus.MISSING) {
            for (ModuleBtf m : kernel.modules()) {
                ExternReport inModule = ExternReport.against(e, objectBtf, m.btf());
                if (inModule.status() != ExternStatus.MISSING && inModule.targetTypeId() >= m.btf().firstTypeId()) {
                    found = inModule;
                    module = m;
                    break;
                }
            }
        }
        String what = e.kind() == ExternKind.FUNCTION ? "kfunc" : "typed ksym";
        String where = module == null ? KernelBtfs.VMLINUX : "module " + module.name();
        switch (found.status()) {
            case FOUND -> {
                return found(e, found.targetTypeId(), module);
            }
            case INCOMPATIBLE -> {
                String reason = (e.kind() == ExternKind.FUNCTION ? "prototype" : "type") + " incompatible with "
                        + where + "'s [" + found.targetTypeId() + "]";
                if (found.fatal()) {
                    throw error(e.name(), what + ": " + reason);
                }
                LOG.log(Level.DEBUG, "extern ''{0}'' (weak {1}): {2}; treated as absent", e.name(), what, reason);
                return new ExternTarget.Absent(index, reason);
            }
            default -> {
                String searched = "searched vmlinux and " + kernel.modules().size() + " module(s)";
                if (!e.weak()) {
                    throw error(e.name(), what + " not found in the kernel's BTF (" + searched + ")");
                }
                LOG.log(Level.DEBUG, "extern ''{0}'' (weak {1}): not found ({2})", e.name(), what, searched);
                return new ExternTarget.Absent(index, searched);
            }
        }
    }

    private ExternTarget found(ExternSpec e, int btfId, ModuleBtf module) {
        if (module == null) {
            return new ExternTarget.KernelBtfId(KernelBtfs.VMLINUX, btfId, 0, 0);
        }
        OwnedFd fd = fdByModule.get(module.name());
        if (fd == null) {
            if (module.btfObjectId() <= 0) {
                throw error(e.name(), "found in module " + module.name() + ", whose BTF object id the kernel did"
                        + " not tell (needs CAP_SYS_ADMIN)");
            }
            try {
                fd = services.bpf().btfGetFdById(module.btfObjectId());
            } catch (BpfException ex) {
                throw error(e.name(), "found in module " + module.name() + ", whose BTF (id " + module.btfObjectId()
                        + ") cannot be opened: " + ex.getMessage());
            }
            moduleFds.add(fd);
            fdByModule.put(module.name(), fd);
        }
        int index = 0;
        if (e.kind() == ExternKind.FUNCTION) {
            // fd_array index 0 is left unused (libbpf: insn.off 0 means vmlinux).
            index = fdArrayIndexByModule.computeIfAbsent(module.name(), m -> fdArrayIndexByModule.size() + 1);
            if (index > Short.MAX_VALUE) {
                throw error(e.name(), "more module BTFs than a kfunc call's 16-bit offset can index");
            }
        }
        return new ExternTarget.KernelBtfId(module.name(), btfId, fd.fd(), index);
    }

    private void resolveByAddress(List<ExternSpec> all, Set<String> names, Map<String, ExternTarget> targets) {
        Map<String, KallsymsAddresses.Lookup> found;
        try {
            found = KallsymsAddresses.find(names);
        } catch (UncheckedIOException ex) {
            String first = names.iterator().next();
            throw error(first, "untyped ksym: " + ex.getMessage());
        }
        for (int index = 0; index < all.size(); index++) {
            ExternSpec e = all.get(index);
            if (!names.contains(e.name())) {
                continue;
            }
            KallsymsAddresses.Lookup l = found.get(e.name());
            if (l instanceof KallsymsAddresses.Lookup.Found f) {
                targets.put(e.name(), new ExternTarget.Address(f.address()));
            } else if (l instanceof KallsymsAddresses.Lookup.Ambiguous a) {
                throw error(e.name(), "untyped ksym: ambiguous in " + KallsymsAddresses.KALLSYMS + ": 0x"
                        + Long.toHexString(a.first()) + " or 0x" + Long.toHexString(a.second()));
            } else if (e.weak()) {
                targets.put(e.name(), new ExternTarget.Absent(index, "not in " + KallsymsAddresses.KALLSYMS));
            } else {
                throw error(e.name(), "untyped ksym not found in " + KallsymsAddresses.KALLSYMS);
            }
        }
    }

    private ExternResolutionException error(String extern, String reason) {
        return new ExternResolutionException(spec.name(), extern, firstUser.get(extern), reason);
    }
}
