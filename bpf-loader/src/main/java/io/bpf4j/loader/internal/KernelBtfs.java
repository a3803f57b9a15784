package io.bpf4j.loader.internal;

import io.bpf4j.attach.KernelType;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.core.CoreRelocator;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.BtfInfo;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.IdKind;
import io.bpf4j.syscall.OwnedFd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The running kernel's BTF as libbpf sees it: vmlinux plus the split BTF of every loaded module
 * ({@code /sys/kernel/btf/<module>}, Linux 5.11), each with the kernel's id of its BTF object.
 *
 * <p>Everything is lazy: vmlinux is parsed on the first {@link #vmlinux()} call, the modules on
 * the first {@link #modules()} or on a {@link #find} that vmlinux cannot answer, and the BTF
 * object ids are looked up then too ({@code BPF_BTF_GET_NEXT_ID} + {@code BPF_OBJ_GET_INFO_BY_FD},
 * matching the names). The module list is read once and kept for the process, as libbpf keeps
 * it for an object: a module loaded later is not seen. Thread-safe.
 */
public final class KernelBtfs {
    /** The module name under which vmlinux's own types are reported. */
    public static final String VMLINUX = "vmlinux";

    private static final System.Logger LOG = System.getLogger(KernelBtfs.class.getName());

    private final Bpf bpf;
    private final Supplier<Btf> vmlinux;
    private final Path directory;
    private volatile List<ModuleBtf> modules;

    /**
     * @param bpf the bpf(2) facade, for the BTF object ids
     * @param vmlinux the kernel's own BTF, parsed when first asked for
     * @param directory where the kernel exposes BTF ({@code /sys/kernel/btf})
     */
    public KernelBtfs(Bpf bpf, Supplier<Btf> vmlinux, Path directory) {
        this.bpf = Objects.requireNonNull(bpf, "bpf");
        this.vmlinux = Objects.requireNonNull(vmlinux, "vmlinux");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** {@return vmlinux's BTF} */
    public Btf vmlinux() {
        return vmlinux.get();
    }

    /**
     * {@return every loaded module's BTF, in name order; empty if the kernel has none (no
     * {@code CONFIG_DEBUG_INFO_BTF_MODULES}, or all drivers built in)}
     *
     * @throws UncheckedIOException if {@code /sys/kernel/btf} cannot be listed or a file read
     * @throws io.bpf4j.btf.BtfFormatException if a module's BTF is malformed
     */
    public List<ModuleBtf> modules() {
        List<ModuleBtf> m = modules;
        if (m == null) {
            synchronized (this) {
                m = modules;
                if (m == null) {
                    m = readModules();
                    modules = m;
                }
            }
        }
        return m;
    }

    /** {@return a loaded module's BTF by module name} */
    public Optional<ModuleBtf> module(String name) {
        Objects.requireNonNull(name, "name");
        return modules().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * Finds a named type in the kernel: vmlinux first, then the modules in name order (each
     * module's own types only), the first match winning.
     *
     * @param name the exact name
     * @param kind the kind
     * @return where the type is, or empty
     */
    public Optional<KernelBtfType> find(String name, BtfKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Btf kernel = vmlinux();
        int id = kernel.findByName(name, kind);
        if (id > 0) {
            return Optional.of(new KernelBtfType(VMLINUX, 0, kernel, id));
        }
        for (ModuleBtf m : modules()) {
            Optional<KernelBtfType> found = findIn(m, name, kind);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a named type among one module's own types.
     *
     * @param module the module's name ({@value #VMLINUX} for the kernel itself)
     * @param name the exact name
     * @param kind the kind
     * @return where the type is, or empty (also when no such module is loaded)
     */
    public Optional<KernelBtfType> find(String module, String name, BtfKind kind) {
        Objects.requireNonNull(module, "module");
        if (module.equals(VMLINUX)) {
            int id = vmlinux().findByName(name, kind);
            return id > 0 ? Optional.of(new KernelBtfType(VMLINUX, 0, vmlinux(), id)) : Optional.empty();
        }
        return module(module).flatMap(m -> findIn(m, name, kind));
    }

    /**
     * {@return what attach plugins see while defining programs}: vmlinux's BTF and
     * {@link LoadContext#findKernelType} over vmlinux and the modules
     */
    public LoadContext loadContext() {
        return new LoadContext() {
            @Override
            public Btf kernelBtf() {
                return vmlinux();
            }

            @Override
            public Optional<KernelType> findKernelType(String module, String name, BtfKind kind) {
                Optional<KernelBtfType> found = module == null ? find(name, kind) : find(module, name, kind);
                return found.map(t -> new KernelType(t.module(), t.btfObjectId(), t.typeId()));
            }

            @Override
            public String toString() {
                return "LoadContext[" + KernelBtfs.this + "]";
            }
        };
    }

    /**
     * {@return a CO-RE relocator against this kernel}: vmlinux first, the modules (read only if
     * some local type has no candidate in vmlinux) in name order, as libbpf searches them
     */
    public CoreRelocator coreRelocator() {
        return CoreRelocator.against(vmlinux(), () -> {
            Map<String, Btf> byName = new LinkedHashMap<>();
            for (ModuleBtf m : modules()) {
                byName.put(m.name(), m.btf());
            }
            return byName;
        });
    }

    private static Optional<KernelBtfType> findIn(ModuleBtf m, String name, BtfKind kind) {
        // A split BTF answers for its base too: only ids past the base are the module's own.
        int id = m.btf().findByName(name, kind);
        if (id >= m.btf().firstTypeId()) {
            return Optional.of(new KernelBtfType(m.name(), m.btfObjectId(), m.btf(), id));
        }
        for (int other : m.btf().findAllByName(name)) {
            if (other >= m.btf().firstTypeId() && m.btf().kind(other) == kind) {
                return Optional.of(new KernelBtfType(m.name(), m.btfObjectId(), m.btf(), other));
            }
        }
        return Optional.empty();
    }

    private List<ModuleBtf> readModules() {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(p -> !p.getFileName().toString().equals(VMLINUX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list kernel BTF in " + directory, e);
        }
        if (files.isEmpty()) {
            return List.of();
        }
        Btf base = vmlinux();
        Map<String, Integer> ids = objectIdsByName();
        List<ModuleBtf> out = new ArrayList<>(files.size());
        for (Path file : files) {
            String name = file.getFileName().toString();
            out.add(new ModuleBtf(name, ids.getOrDefault(name, -1), Btf.readSplit(file, base)));
        }
        LOG.log(Level.DEBUG, "kernel module BTF: {0}", out.stream().map(m -> m.name() + " (id " + m.btfObjectId()
                + ", " + (m.btf().typeCount() - m.btf().firstTypeId()) + " types)").toList());
        return List.copyOf(out);
    }

    /** Kernel BTF objects by name, as libbpf's {@code load_module_btfs} finds them. */
    private Map<String, Integer> objectIdsByName() {
        Map<String, Integer> ids = new HashMap<>();
        try {
            for (int id = bpf.nextId(IdKind.BTF, 0); id > 0; id = bpf.nextId(IdKind.BTF, id)) {
                try (OwnedFd fd = bpf.btfGetFdById(id)) {
                    BtfInfo info = bpf.btfInfo(fd.fd());
                    if (info.kernelBtf() && !info.name().isEmpty()) {
                        ids.putIfAbsent(info.name(), id);
                    }
                } catch (BpfException e) {
                    if (e.errno() != Errno.ENOENT) { // ENOENT: freed between the walk and the open
                        throw e;
                    }
                }
            }
        } catch (BpfException e) {
            LOG.log(Level.DEBUG, "module BTF object ids unknown: {0}", e.getMessage());
        }
        return ids;
    }

    @Override
    public String toString() {
        List<ModuleBtf> m = modules;
        return "KernelBtfs[" + directory + (m == null ? "" : ", modules " + m.stream().map(ModuleBtf::name).toList())
                + "]";
    }
}
