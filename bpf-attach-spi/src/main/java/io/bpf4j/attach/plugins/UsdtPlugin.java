package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.CompositeLink;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.attach.SectionNames;
import io.bpf4j.attach.SectionTargetPlugin;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.MapInfo;
import io.bpf4j.syscall.MapUpdateFlags;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.PerfEventAttr;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * USDT probes: sections {@code usdt/<binary>:<provider>:<name>} and {@code usdt.s/...}
 * (sleepable), {@code BPF_PROG_TYPE_KPROBE} programs written with {@code bpf/usdt.bpf.h}; the
 * bare prefixes attach by hand with {@link UsdtOptions}.
 *
 * <p>Attaching reads the binary's {@code .note.stapsdt} ({@link UsdtProbes}), writes one spec
 * per distinct argument layout into the object's {@code __bpf_usdt_specs} map (libbpf's layout,
 * {@link UsdtSpecLayout}) and opens a uprobe at every site of the probe. The uprobe's BPF
 * cookie is the spec's slot (Linux 5.15); on older kernels the site's run-time instruction
 * pointer goes into {@code __bpf_usdt_ip_to_spec_id} instead, which for position-independent
 * files needs a pid. A probe with a semaphore gets the semaphore's file offset as the uprobe's
 * reference counter, so the kernel counts it up in every process while attached (4.20). The
 * returned link detaches every uprobe and frees the slots.
 */
public final class UsdtPlugin extends SectionTargetPlugin<UsdtOptions> {

    /** The map of argument specs, declared by {@code bpf/usdt.bpf.h} (libbpf's name). */
    public static final String SPECS_MAP = "__bpf_usdt_specs";
    /** The map from instruction pointer to spec slot, for kernels without BPF cookies. */
    public static final String IP_MAP = "__bpf_usdt_ip_to_spec_id";

    private static final Set<String> PREFIXES = Set.of("usdt", "usdt.s");

    /** Creates the plugin (ServiceLoader calls this). */
    public UsdtPlugin() {
        super(UsdtOptions.class);
    }

    @Override
    public String name() {
        return "usdt";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return PREFIXES;
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        String prefix = prefixOf(sectionName);
        return new ProgramDefinition(ProgramType.KPROBE, null, 0, prefix.equals("usdt.s"), namesTarget(sectionName));
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' names no binary and probe: attach it by hand with"
                + " UsdtOptions.builder(<binary>, <provider>, <name>)";
    }

    @Override
    protected UsdtOptions optionsFromSection(String sectionName) {
        return target(sectionName);
    }

    @Override
    protected Link attachWith(AttachContext context, UsdtOptions options) {
        return attachTo(context, options);
    }

    /** {@return the options a section names: {@code usdt/<binary>:<provider>:<name>}, or null for a bare prefix} */
    static UsdtOptions target(String sectionName) {
        String target = SectionNames.target(sectionName, prefixOf(sectionName));
        if (target.isEmpty()) {
            return null;
        }
        int last = target.lastIndexOf(':');
        int middle = last <= 0 ? -1 : target.lastIndexOf(':', last - 1);
        if (middle <= 0 || last == target.length() - 1 || middle == last - 1) {
            throw new AttachException("section '" + sectionName + "': expected usdt/<binary>:<provider>:<name>");
        }
        return new UsdtOptions(Path.of(target.substring(0, middle)), target.substring(middle + 1, last),
                target.substring(last + 1), -1, 0);
    }

    private static String prefixOf(String sectionName) {
        return SectionNames.requiredPrefix(sectionName, PREFIXES, "a usdt");
    }

    private static Link attachTo(AttachContext context, UsdtOptions options) {
        String description = "program " + context.programName() + " (" + context.sectionName() + ") -> usdt "
                + options.provider() + ":" + options.name() + " in " + options.binary()
                + (options.pid() == -1 ? "" : " pid " + options.pid());
        Bpf bpf = context.bpf();
        Path binary;
        List<UsdtProbe> sites;
        boolean cookies;
        PtRegsLayout regs;
        int pmuType;
        try {
            binary = BinaryPaths.resolve(options.binary());
            List<UsdtProbe> all = UsdtProbes.read(binary);
            sites = all.stream().filter(p -> p.provider().equals(options.provider()) && p.name().equals(options.name()))
                    .toList();
            if (sites.isEmpty()) {
                throw new AttachException("no USDT probe " + options.provider() + ":" + options.name() + " in " + binary
                        + (all.isEmpty() ? " (it has no .note.stapsdt)" : "; it has " + all.stream()
                        .map(p -> p.provider() + ":" + p.name()).distinct().limit(20).collect(Collectors.joining(", "))));
            }
            cookies = hasBpfCookies(context.kernelBtf());
            regs = PtRegsLayout.of(context.kernelBtf());
            pmuType = UprobePmu.type();
        } catch (AttachException e) {
            throw new AttachException("cannot attach " + description, e);
        }
        int specsFd = mapFd(context, SPECS_MAP, description);
        MapInfo specs = bpf.mapInfo(specsFd);
        if (specs.valueSize() != UsdtSpecLayout.SPEC_SIZE) {
            throw new AttachException("cannot attach " + description + ": map " + SPECS_MAP + " has values of "
                    + specs.valueSize() + " bytes, not the " + UsdtSpecLayout.SPEC_SIZE + " of bpf/usdt.bpf.h's spec");
        }
        int ipFd = cookies ? -1 : mapFd(context, IP_MAP, description);
        int ipMapId = ipFd < 0 ? 0 : bpf.mapInfo(ipFd).id();

        List<Integer> slots = new ArrayList<>();
        List<Long> ips = new ArrayList<>();
        List<Link> uprobes = new ArrayList<>();
        try {
            Map<String, Integer> slotOfLayout = new HashMap<>();
            int refCtrShift = sites.stream().anyMatch(UsdtProbe::hasSemaphore) ? UprobePmu.refCtrOffsetShift() : 0;
            for (UsdtProbe site : sites) {
                Integer slot = slotOfLayout.get(site.argumentText());
                if (slot == null) {
                    slot = UsdtSpecSlots.take(specs.id(), specs.maxEntries(), description);
                    slots.add(slot);
                    slotOfLayout.put(site.argumentText(), slot);
                    byte[] spec = UsdtSpecLayout.encode(site.arguments(), options.cookie(), regs);
                    bpf.mapUpdateElem(specsFd, intKey(slot), spec, MapUpdateFlags.BPF_ANY);
                }
                if (!cookies) {
                    long ip = runtimeAddress(site, options.pid());
                    bpf.mapUpdateElem(ipFd, longKey(ip), intKey(slot), MapUpdateFlags.BPF_ANY);
                    ips.add(ip);
                }
                uprobes.add(openUprobe(context, site, slot, cookies, options.pid(), pmuType, refCtrShift, description));
            }
            return new UsdtLink(new CompositeLink(uprobes, description + " (" + sites.size() + " site"
                    + (sites.size() == 1 ? "" : "s") + ")"), bpf, specs.id(), slots, ipFd, ipMapId, ips);
        } catch (RuntimeException | Error e) {
            CompositeLink.closeAfterFailure(uprobes, e);
            UsdtLink.forgetInstructionPointers(bpf, ipFd, ipMapId, ips);
            slots.forEach(slot -> UsdtSpecSlots.release(specs.id(), slot));
            if (e instanceof AttachException || e instanceof UnsupportedOperationException || e instanceof Error) {
                throw e;
            }
            throw new AttachException("cannot attach " + description, e);
        }
    }

    private static Link openUprobe(AttachContext context, UsdtProbe site, int slot, boolean cookies, int pid,
            int pmuType, int refCtrShift, String description) {
        String where = description + " at " + site.binary() + " offset 0x" + Long.toHexString(site.fileOffset());
        long config = site.hasSemaphore() ? site.semaphoreOffset() << refCtrShift : 0;
        PerfEventAttr attr = PerfEventAttr.builder(pmuType, config)
                .uprobePath(site.binary().toString())
                .config2(site.fileOffset())
                .build();
        OwnedFd event;
        try {
            // As for uprobes: every process needs cpu 0 (pid -1 with cpu -1 is refused).
            event = context.bpf().perfEventOpen(attr, pid, pid == -1 ? 0 : -1, -1, TracepointPlugin.PERF_FLAG_FD_CLOEXEC);
        } catch (RuntimeException e) {
            throw new AttachException("cannot attach " + where + ": perf_event_open of the uprobe failed"
                    + (site.hasSemaphore() ? " (with semaphore at file offset 0x" + Long.toHexString(site.semaphoreOffset())
                    + ")" : ""), e);
        }
        return PerfEventLink.attach(context.bpf(), event, context.programFd(), cookies ? slot : 0, where);
    }

    private static int mapFd(AttachContext context, String map, String description) {
        OptionalInt fd = context.mapFd(map);
        if (fd.isEmpty()) {
            throw new AttachException("cannot attach " + description + ": the program's object has no map " + map
                    + " (include <bpf/usdt.bpf.h> and read arguments with bpf_usdt_arg), or its loader offers no maps"
                    + " to attach plugins");
        }
        return fd.getAsInt();
    }

    /**
     * {@return whether the kernel has BPF cookies for perf links} The same question the BPF side
     * asks at load ({@code bpf_core_enum_value_exists(enum bpf_func_id,
     * BPF_FUNC_get_attach_cookie)}, Linux 5.15), so both sides agree on how a spec is found.
     */
    static boolean hasBpfCookies(Btf kernelBtf) {
        int id = kernelBtf.findByName("bpf_func_id", BtfKind.ENUM);
        if (id <= 0) {
            return false;
        }
        return ((BtfType.Enum) kernelBtf.type(id)).values().stream()
                .anyMatch(v -> v.name().equals("BPF_FUNC_get_attach_cookie"));
    }

    /**
     * {@return where the probe instruction is in the process's memory} A fixed-address executable
     * runs at its link-time addresses; a position-independent file is looked up in
     * {@code /proc/<pid>/maps}.
     */
    static long runtimeAddress(UsdtProbe site, int pid) {
        if (!site.sharedObject()) {
            return site.address();
        }
        if (pid == -1) {
            throw new UnsupportedOperationException("USDT probe " + site.describe() + ": the kernel has no BPF cookies"
                    + " (Linux 5.15), so the probe is found by address, and the address of a position-independent file"
                    + " depends on the process: give a pid in UsdtOptions");
        }
        Path maps = Path.of("/proc", Integer.toString(pid), "maps");
        try {
            Path real = site.binary().toRealPath();
            for (String line : Files.readAllLines(maps)) {
                String[] f = line.trim().split("\\s+", 6);
                if (f.length < 6 || !Path.of(f[5]).equals(real)) {
                    continue;
                }
                String[] range = f[0].split("-");
                long start = Long.parseUnsignedLong(range[0], 16);
                long end = Long.parseUnsignedLong(range[1], 16);
                long offset = Long.parseUnsignedLong(f[2], 16);
                if (site.fileOffset() >= offset && site.fileOffset() - offset < end - start) {
                    return start + site.fileOffset() - offset;
                }
            }
        } catch (IOException e) {
            throw new AttachException("USDT probe " + site.describe() + ": cannot read " + maps, e);
        }
        throw new AttachException("USDT probe " + site.describe() + ": process " + pid + " has not mapped it");
    }

    private static byte[] intKey(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
    }

    private static byte[] longKey(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value).array();
    }

    @Override
    public String toString() {
        return "UsdtPlugin" + PREFIXES;
    }
}
