package io.bpf4j.loader;

import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.btf.Btf;
import io.bpf4j.elf.object.DataSectionSpec;
import io.bpf4j.elf.object.KernelObjectNames;
import io.bpf4j.elf.object.MapSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.elf.object.StructOpsSpec;
import io.bpf4j.loader.internal.DataSectionMaps;
import io.bpf4j.loader.internal.KconfigLayout;
import io.bpf4j.loader.internal.LoaderServices;
import io.bpf4j.loader.internal.StructOpsLayout;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgramType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A BPF object file, from open to close: libbpf's {@code struct bpf_object}.
 *
 * <pre>{@code
 * try (BpfObject obj = BpfObject.open(Path.of("bootstrap.bpf.o"))) {  // parse: nothing in the kernel yet
 *     obj.rodata().setLong("min_duration_ns", 1_000_000);             // adjust before load
 *     obj.load();                                                     // maps, relocations, verifier
 *     obj.attachAll();                                                // by SEC() name, through plugins
 *     try (RingBufferReader rb = obj.ringBuffer("events", rec -> ...)) {
 *         rb.poll(Duration.ofMillis(100));
 *     }
 * }                                                                   // detach, unload, free
 * }</pre>
 *
 * <p>States: opened (maps, programs and globals may be adjusted), loaded
 * (kernel objects exist), closed. A failed {@link #load()} releases everything
 * it created and leaves the object failed: close it. Closing closes links,
 * ring buffer readers, mappings, programs, maps and the object's BTF, in that
 * order. Not thread-safe, except that maps and globals may be read from any
 * thread once loaded.
 */
public final class BpfObject implements AutoCloseable {
    private static final System.Logger LOG = BpfLog.logger(BpfObject.class);

    enum State { OPENED, LOADED, FAILED, CLOSED }

    private final ObjectSpec spec;
    private final LoaderServices services;
    private final Map<String, BpfProgram> programs = new LinkedHashMap<>();
    private final Map<String, BpfMap> maps = new LinkedHashMap<>();
    private final Map<String, GlobalVariables> globals = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<AutoCloseable> readers = new ArrayList<>();
    final List<AutoCloseable> mappings = new ArrayList<>();
    OwnedFd btfFd;
    private State state = State.OPENED;
    private final KconfigLayout kconfigLayout;
    private StringBuilder userKconfig;
    private java.nio.file.Path coreBtf;

    private BpfObject(ObjectSpec spec, LoaderServices services) {
        this.spec = spec;
        this.services = services;
        for (MapSpec m : spec.maps()) {
            maps.put(m.name(), new BpfMap(this, m.name(), kernelMapName(m.name()), MapType.of(m.type()),
                    m.keySize(), m.valueSize(), m.maxEntries(), m.flags()));
        }
        for (StructOpsSpec s : spec.structOps()) {
            // Value size: the object's struct until load lays it out as the running kernel's wrapper.
            maps.put(s.name(), new BpfMap(this, s.name(), kernelMapName(s.name()), MapType.STRUCT_OPS, 4,
                    s.data().length, 1, s.link() ? StructOpsLayout.BPF_F_LINK : 0, s));
        }
        for (DataSectionSpec d : spec.dataSections()) {
            boolean readOnly = d.readOnly();
            maps.put(d.name(), new BpfMap(this, d.name(), d.kernelMapName(spec.name()),
                    MapType.ARRAY, 4, d.size(), 1, DataSectionMaps.flags(readOnly)));
            List<GlobalVariable> vars = new ArrayList<>();
            d.variables().forEach(v -> vars.add(new GlobalVariable(v.name(), d.name(), v.offset(), v.size())));
            globals.put(d.name(), new GlobalVariables(d.name(), readOnly, vars, d.initialValue().clone()));
        }
        kconfigLayout = KconfigLayout.of(spec);
        if (!kconfigLayout.isEmpty()) {
            // libbpf's internal map for __kconfig externs: filled and frozen at load.
            maps.put(KconfigLayout.SECTION, new BpfMap(this, KconfigLayout.SECTION, kconfigLayout.kernelMapName(),
                    MapType.ARRAY, 4, kconfigLayout.size(), 1, DataSectionMaps.flags(true)));
        }
        LoadContext loadContext = services.kernelBtfs().loadContext();
        for (ProgramSpec p : spec.programs()) {
            Optional<AttachPlugin> plugin = services.attachPlugins().find(p.sectionName());
            ProgramDefinition def = plugin.map(pl -> pl.define(p.sectionName(), loadContext)).orElse(null);
            if (def == null) {
                LOG.log(Level.WARNING, "program ''{0}'': no attach plugin owns section ''{1}''; set its type"
                        + " before load", p.name(), p.sectionName());
            }
            programs.put(p.name(), new BpfProgram(this, p.name(), p.sectionName(), plugin.orElse(null),
                    def == null ? null : def.type(), def == null ? null : def.expectedAttachType(),
                    def == null ? 0 : def.attachBtfId(), def == null ? 0 : def.programFlags(),
                    p.autoLoad(), def != null && def.autoAttach(), def == null ? 0 : def.attachBtfObjId()));
        }
    }

    /**
     * Opens an object file: parses its ELF, BTF, programs, maps and global
     * variables. Nothing is created in the kernel yet.
     *
     * @param file a {@code .bpf.o} compiled by clang
     * @return the opened object
     * @throws io.bpf4j.elf.ElfFormatException when the file is not a valid BPF object
     */
    public static BpfObject open(Path file) {
        return new BpfObject(ObjectSpec.open(file), LoaderServices.defaults());
    }

    /**
     * Opens an object from its bytes (an embedded skeleton, a class-path resource).
     *
     * @param bytes the ELF file's bytes
     * @param name  the object's name, used in kernel map names and messages
     * @return the opened object
     */
    public static BpfObject open(byte[] bytes, String name) {
        return new BpfObject(ObjectSpec.parse(bytes, name), LoaderServices.defaults());
    }

    /**
     * Opens an object from a class-path resource, e.g. {@code /bpf/bootstrap.bpf.o}
     * as bpf4j-maven-plugin puts it.
     *
     * @param anchor   the class whose module and loader find the resource
     * @param resource the resource name
     * @return the opened object
     */
    public static BpfObject openResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NoSuchElementException("no resource " + resource + " next to " + anchor.getName());
            }
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            return open(in.readAllBytes(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** {@return the object's name (the file name without {@code .bpf.o})} */
    public String name() {
        return spec.name();
    }

    /** {@return the parsed spec this object was opened from} */
    public ObjectSpec spec() {
        return spec;
    }

    /** {@return the programs, in the order of the file} */
    public List<BpfProgram> programs() {
        return Collections.unmodifiableList(new ArrayList<>(programs.values()));
    }

    /**
     * @param name the program's function name
     * @return the program
     * @throws NoSuchElementException naming the programs there are
     */
    public BpfProgram program(String name) {
        BpfProgram p = programs.get(name);
        if (p == null) {
            throw new NoSuchElementException("no program '" + name + "' in " + spec.name() + " (it has "
                    + programs.keySet() + ")");
        }
        return p;
    }

    /** {@return the maps: BTF-defined ones, struct_ops ones, then one per data section} */
    public List<BpfMap> maps() {
        return Collections.unmodifiableList(new ArrayList<>(maps.values()));
    }

    /**
     * @param name the map's C name (for struct_ops maps, the variable's), or a data section's name such as {@code .bss}
     * @return the map
     * @throws NoSuchElementException naming the maps there are
     */
    public BpfMap map(String name) {
        BpfMap m = maps.get(name);
        if (m == null) {
            throw new NoSuchElementException("no map '" + name + "' in " + spec.name() + " (it has "
                    + maps.keySet() + ")");
        }
        return m;
    }

    /**
     * @param section a data section, e.g. {@code .rodata} or {@code .data.custom}
     * @return its global variables
     * @throws NoSuchElementException naming the sections there are
     */
    public GlobalVariables globals(String section) {
        GlobalVariables g = globals.get(section);
        if (g == null) {
            throw new NoSuchElementException("no data section '" + section + "' in " + spec.name()
                    + " (it has " + globals.keySet() + ")");
        }
        return g;
    }

    /** {@return the {@code .rodata} variables ({@code const volatile} globals)} */
    public GlobalVariables rodata() {
        return globals(".rodata");
    }

    /** {@return the {@code .data} variables (initialised globals)} */
    public GlobalVariables data() {
        return globals(".data");
    }

    /** {@return the {@code .bss} variables (zero-initialised globals)} */
    public GlobalVariables bss() {
        return globals(".bss");
    }

    /**
     * Supplies values for {@code __kconfig} externs, in the kernel configuration's syntax, as
     * libbpf's {@code kconfig} open option does: one {@code CONFIG_NAME=value} per line
     * ({@code y}, {@code n}, {@code m}, a number, or a quoted string). These values come before
     * the running kernel's configuration ({@code /proc/config.gz}, else
     * {@code /boot/config-<release>}), which then only fills in the externs not given here.
     * Lines that do not start with {@code CONFIG_} are ignored; several calls add up, the first
     * value given for a name winning.
     *
     * <pre>{@code
     * obj.kconfig("CONFIG_HZ=1000\nCONFIG_BPF_JIT=y\nCONFIG_LOCALVERSION=\"-test\"");
     * }</pre>
     *
     * @param text Kconfig lines
     * @return this object
     * @throws IllegalStateException after load
     */
    public BpfObject kconfig(String text) {
        ensureOpenedNotLoaded("set kconfig values");
        if (userKconfig == null) {
            userKconfig = new StringBuilder();
        }
        userKconfig.append(java.util.Objects.requireNonNull(text, "text")).append('\n');
        return this;
    }

    /**
     * Supplies the value of one {@code __kconfig} extern: {@code kconfig("CONFIG_HZ", "1000")} is
     * {@code kconfig("CONFIG_HZ=1000")}.
     *
     * @param name  a {@code CONFIG_*} name
     * @param value {@code y}, {@code n}, {@code m}, a number, or a string in double quotes
     * @return this object
     * @throws IllegalArgumentException when the name is not {@code CONFIG_*} or either contains a line break
     */
    public BpfObject kconfig(String name, String value) {
        if (!name.startsWith("CONFIG_") || name.contains("=") || (name + value).contains("\n")) {
            throw new IllegalArgumentException("kconfig: expected a CONFIG_* name and a one-line value, got '"
                    + name + "' = '" + value + "'");
        }
        return kconfig(name + "=" + value);
    }

    /**
     * Relocates CO-RE against this BTF file instead of the running kernel's (libbpf's
     * {@code btf_custom_path}): for a kernel that exposes no {@code /sys/kernel/btf/vmlinux},
     * with its BTF shipped beside the agent (e.g. from BTFHub). Only CO-RE uses it; attach
     * targets and ksyms are still the running kernel's.
     *
     * @param btfFile a raw BTF file, as {@code /sys/kernel/btf/vmlinux} is (an ELF's {@code .BTF}
     *     section can be saved as one with {@code Btf.toBytes()})
     * @return this object
     * @throws IllegalStateException after load
     */
    public BpfObject coreBtf(java.nio.file.Path btfFile) {
        ensureOpenedNotLoaded("set the CO-RE target BTF");
        this.coreBtf = java.util.Objects.requireNonNull(btfFile, "btfFile");
        return this;
    }

    /** {@return true once {@link #load()} succeeded and before close} */
    public boolean isLoaded() {
        return state == State.LOADED;
    }

    /**
     * Creates the maps, relocates and loads the programs into the kernel.
     *
     * @throws io.bpf4j.syscall.BpfException when the kernel refuses a map or a
     *         program (with the verifier's log); everything created before the
     *         failure has been released
     */
    public void load() {
        ensureOpenedNotLoaded("load");
        try {
            new ObjectLoader(this, spec, services).load();
            state = State.LOADED;
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Attaches every program whose section name says how (and whose
     * {@link BpfProgram#autoAttach()} is set), through its attach plugin, then
     * registers every struct_ops map ({@link BpfMap#attachStructOps()}), as a
     * libbpf skeleton's attach does. On a failure the links made so far are closed.
     *
     * @return the new links (the object closes them too)
     */
    public List<Link> attachAll() {
        ensureLoaded("attach");
        List<Link> made = new ArrayList<>();
        try {
            for (BpfProgram p : programs.values()) {
                if (p.isLoaded() && p.autoAttach()) {
                    made.add(p.attach());
                } else if (p.isLoaded()) {
                    LOG.log(Level.INFO, "attachAll: program ''{0}'' skipped: {1}", p.name(), p.skipReason());
                }
            }
            for (BpfMap m : maps.values()) {
                if (m.structOps != null && m.isLoaded()) {
                    made.add(m.attachStructOps());
                }
            }
        } catch (RuntimeException | Error e) {
            for (Link l : made) {
                closeQuietly(l, e);
                links.remove(l);
            }
            throw e;
        }
        return made;
    }

    /**
     * Starts consuming a ring buffer map.
     *
     * @param mapName  a map of type RINGBUF
     * @param callback called per record
     * @return the reader; closing it (or this object) stops consuming
     */
    public RingBufferReader ringBuffer(String mapName, RingBufferCallback callback) {
        ensureLoaded("read ring buffer '" + mapName + "'");
        RingBufferReader reader = new RingBufferReader(services.bpf());
        try {
            reader.add(map(mapName), callback);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        readers.add(reader);
        return reader;
    }

    /**
     * Detaches every link, stops ring buffer readers, unmaps global data, and
     * closes every program, map and the BTF. Idempotent.
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        RuntimeException failure = null;
        List<AutoCloseable> order = new ArrayList<>();
        for (int i = links.size() - 1; i >= 0; i--) {
            order.add(links.get(i));
        }
        order.addAll(readers);
        order.addAll(mappings);
        for (GlobalVariables g : globals.values()) {
            order.add(g::close);
        }
        for (BpfProgram p : programs.values()) {
            order.add(p::closeFd);
        }
        for (BpfMap m : maps.values()) {
            order.add(m::closeFd);
        }
        if (btfFd != null) {
            order.add(btfFd);
        }
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + spec.name() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        links.clear();
        readers.clear();
        mappings.clear();
        btfFd = null;
        if (failure != null) {
            throw failure;
        }
    }

    // ---- package-private plumbing for BpfProgram, BpfMap and ObjectLoader ----

    Bpf bpf() {
        return services.bpf();
    }

    Btf kernelBtf() {
        return services.kernelBtf();
    }

    int possibleCpus() {
        return services.possibleCpus();
    }

    KconfigLayout kconfigLayout() {
        return kconfigLayout;
    }

    java.nio.file.Path coreBtf() {
        return coreBtf;
    }

    String userKconfig() {
        return userKconfig == null ? null : userKconfig.toString();
    }

    Map<String, BpfProgram> programsByName() {
        return programs;
    }

    Map<String, BpfMap> mapsByName() {
        return maps;
    }

    Map<String, GlobalVariables> globalsBySection() {
        return globals;
    }

    Link track(Link link) {
        links.add(link);
        return link;
    }

    AttachPlugin pluginForOptions(AttachOptions options, BpfProgram program) {
        throw new UnsupportedOperationException("program '" + program.name() + "' in section '"
                + program.sectionName() + "' has no attach plugin; " + options.getClass().getSimpleName()
                + " cannot be used without one");
    }

    void ensureOpenedNotLoaded(String what) {
        if (state != State.OPENED) {
            throw new IllegalStateException("cannot " + what + ": object " + spec.name() + " is "
                    + state.name().toLowerCase(java.util.Locale.ROOT) + " (only possible before load)");
        }
    }

    private void ensureLoaded(String what) {
        if (state != State.LOADED) {
            throw new IllegalStateException("cannot " + what + ": object " + spec.name() + " is "
                    + state.name().toLowerCase(java.util.Locale.ROOT) + " (load it first)");
        }
    }

    private String kernelMapName(String name) {
        return KernelObjectNames.sanitize(name);
    }

    private static void closeQuietly(AutoCloseable c, Throwable cause) {
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "BpfObject[" + spec.name() + ", " + state.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + programs.size() + " programs, " + maps.size() + " maps]";
    }
}
