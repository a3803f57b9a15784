package io.bpf4j.loader;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.core.CoreRelocation;
import io.bpf4j.core.CoreRelocator;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.object.DataSectionSpec;
import io.bpf4j.elf.object.ExternReference;
import io.bpf4j.elf.object.MapSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.loader.internal.BtfExtEncoder;
import io.bpf4j.loader.internal.DatasecLayout;
import io.bpf4j.loader.internal.LoaderServices;
import io.bpf4j.loader.internal.MapReferencePatcher;
import io.bpf4j.loader.internal.ResourceScope;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.MappedRegion;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@link BpfObject#load()}: BTF, then maps (with global data written and
 * {@code .rodata} frozen), then programs (CO-RE relocated, map references
 * patched, loaded with func_info and line_info). Every kernel resource goes
 * into a {@link ResourceScope} first, so a failure at any step closes all of
 * them and leaves nothing behind.
 */
final class ObjectLoader {
    private static final System.Logger LOG = BpfLog.logger(ObjectLoader.class);
    /** LIBBPF_PIN_BY_NAME (libbpf.h): pin under /sys/fs/bpf/&lt;map name&gt;, reuse an existing pin. */
    private static final int PIN_BY_NAME = 1;

    private final BpfObject object;
    private final ObjectSpec spec;
    private final LoaderServices services;
    private final Bpf bpf;
    private final ResourceScope scope = new ResourceScope();
    private Btf btfForKernel;
    private int btfFd = -1;

    ObjectLoader(BpfObject object, ObjectSpec spec, LoaderServices services) {
        this.object = object;
        this.spec = spec;
        this.services = services;
        this.bpf = services.bpf();
    }

    void load() {
        try {
            rejectUnsupportedSections();
            rejectUnresolvedExterns();
            loadBtf();
            createMaps();
            loadPrograms();
            scope.commit();
        } catch (RuntimeException | Error e) {
            forgetFds();
            scope.closeAll(e);
            throw e;
        }
    }

    /** The object model recognises struct_ops and arenas; the loader cannot create them yet. */
    private void rejectUnsupportedSections() {
        if (!spec.structOps().isEmpty()) {
            String maps = spec.structOps().stream().map(s -> s.name() + " (" + s.sectionName() + ")")
                    .collect(Collectors.joining(", "));
            throw new UnsupportedOperationException(spec.name() + ": struct_ops maps are not supported yet: " + maps);
        }
        spec.arena().ifPresent(a -> {
            throw new UnsupportedOperationException(spec.name() + ": arena map '" + a.mapName() + "' ("
                    + a.sectionName() + ") is not supported yet");
        });
    }

    /** Externs (.kconfig, .ksyms) are resolved by the CO-RE and externs work; until then, say so. */
    private void rejectUnresolvedExterns() {
        for (ProgramSpec p : spec.programs()) {
            if (!object.program(p.name()).autoLoad() || p.externReferences().isEmpty()) {
                continue;
            }
            String names = p.externReferences().stream().map(ExternReference::name).distinct()
                    .collect(Collectors.joining(", "));
            throw new UnsupportedOperationException("program '" + p.name() + "' in " + spec.name()
                    + " uses extern symbols (" + names + "): resolving .kconfig/.ksyms externs is not supported yet");
        }
    }

    private void loadBtf() {
        if (spec.btf().isEmpty()) {
            return;
        }
        btfForKernel = DatasecLayout.apply(spec.btf().get(), spec.elf());
        try {
            OwnedFd fd = scope.add(bpf.btfLoad(btfForKernel.toBytes()));
            object.btfFd = fd;
            btfFd = fd.fd();
        } catch (BpfException e) {
            // As libbpf: BTF makes maps and programs debuggable but is optional for most of them.
            LOG.log(Level.WARNING, "{0}: the kernel refused the object''s BTF ({1}); loading without it",
                    spec.name(), e.getMessage());
        }
    }

    private void createMaps() {
        for (MapSpec m : spec.maps()) {
            BpfMap map = object.map(m.name());
            OwnedFd inner = null;
            if (m.innerMap().isPresent()) {
                // The kernel takes a template of the inner map; it is not needed after the outer one exists.
                inner = createMap(m.innerMap().get(), m.name() + ".inner", MapType.of(m.innerMap().get().type()),
                        m.innerMap().get().maxEntries(), m.innerMap().get().flags(), -1);
            }
            try {
                map.fd = createPinnedOrNew(m, map, inner == null ? -1 : inner.fd());
            } finally {
                if (inner != null) {
                    inner.close();
                }
            }
        }
        for (DataSectionSpec d : spec.dataSections()) {
            createDataSectionMap(d);
        }
    }

    private OwnedFd createPinnedOrNew(MapSpec m, BpfMap map, int innerFd) {
        if (m.pinning() != PIN_BY_NAME) {
            return createMap(m, map.kernelName(), map.type(), map.maxEntries(), map.flags(), innerFd);
        }
        java.nio.file.Path pin = java.nio.file.Path.of("/sys/fs/bpf", m.name());
        if (java.nio.file.Files.exists(pin)) {
            OwnedFd existing = scope.add(bpf.objGet(pin.toString()));
            LOG.log(Level.DEBUG, "map ''{0}'': reusing pinned {1}", m.name(), pin);
            return existing;
        }
        OwnedFd fd = createMap(m, map.kernelName(), map.type(), map.maxEntries(), map.flags(), innerFd);
        bpf.objPin(fd.fd(), pin.toString());
        scope.add(() -> java.nio.file.Files.deleteIfExists(pin));
        return fd;
    }

    private OwnedFd createMap(MapSpec m, String kernelName, MapType type, int maxEntries, int flags, int innerFd) {
        MapCreateRequest.Builder request = MapCreateRequest.builder(type, m.keySize(), m.valueSize(), maxEntries)
                .name(kernelName)
                .flags(flags)
                .numaNode(m.numaNode())
                .mapExtra(m.mapExtra());
        if (innerFd >= 0) {
            request.innerMapFd(innerFd);
        }
        boolean withBtf = btfFd >= 0 && (m.btfKeyTypeId() != 0 || m.btfValueTypeId() != 0);
        if (withBtf) {
            try {
                return scope.add(bpf.mapCreate(request.btf(btfFd, m.btfKeyTypeId(), m.btfValueTypeId()).build()));
            } catch (BpfException e) {
                // Some map types refuse BTF key/value types on some kernels; libbpf retries without.
                LOG.log(Level.DEBUG, "map ''{0}'': created without BTF after {1}", m.name(), e.getMessage());
                request.btf(0, 0, 0);
            }
        }
        return scope.add(bpf.mapCreate(request.build()));
    }

    private void createDataSectionMap(DataSectionSpec d) {
        BpfMap map = object.map(d.name());
        GlobalVariables globals = object.globals(d.name());
        MapCreateRequest.Builder request = MapCreateRequest.builder(MapType.ARRAY, 4, d.size(), 1)
                .name(map.kernelName())
                .flags(map.flags());
        OwnedFd fd;
        if (btfFd >= 0 && d.btfDatasecId() != 0) {
            try {
                fd = scope.add(bpf.mapCreate(request.btf(btfFd, 0, d.btfDatasecId()).build()));
            } catch (BpfException e) {
                LOG.log(Level.DEBUG, "map ''{0}'': created without BTF after {1}", d.name(), e.getMessage());
                fd = scope.add(bpf.mapCreate(request.btf(0, 0, 0).build()));
            }
        } else {
            fd = scope.add(bpf.mapCreate(request.build()));
        }
        map.fd = fd;
        byte[] initial = globals.initialValue();
        if (!isAllZero(initial)) {
            bpf.mapUpdateElem(fd.fd(), new byte[4], initial, 0);
        }
        if (d.readOnly()) {
            bpf.mapFreeze(fd.fd());
        }
        long length = roundUpToPage(Math.max(d.size(), 1));
        MappedRegion region = scope.add(bpf.mmap(fd.fd(), length, !d.readOnly(), 0));
        object.mappings.add(region);
        ByteBuffer view = region.buffer().limit(d.size()).slice();
        globals.goLive(view);
    }

    private void loadPrograms() {
        Map<String, Integer> mapFds = new HashMap<>();
        for (BpfMap m : object.maps()) {
            if (m.isLoaded()) {
                mapFds.put(m.name(), m.fd());
            }
        }
        CoreRelocator relocator = null;
        for (ProgramSpec p : spec.programs()) {
            BpfProgram program = object.program(p.name());
            if (!program.autoLoad()) {
                LOG.log(Level.DEBUG, "program ''{0}'' not loaded (auto-load off)", p.name());
                continue;
            }
            if (program.type() == null) {
                throw new UnsupportedOperationException("program '" + p.name() + "' in " + spec.name()
                        + ": section '" + p.sectionName() + "' is unknown to every attach plugin ("
                        + services.attachPlugins().knownPrefixes() + "); set its type before load");
            }
            // Map references first: they are list indexes, and CO-RE may poison an ld_imm64 into
            // two one-slot instructions, shifting the indexes after it. CO-RE records count bytes.
            List<Instruction> insns = MapReferencePatcher.patch(p.name(), p.instructions(), p.mapReferences(),
                    mapFds);
            List<CoreRelocationRecord> coreRecords = p.coreRelocations();
            if (!coreRecords.isEmpty()) {
                if (relocator == null) {
                    relocator = CoreRelocator.against(services.kernelBtf());
                }
                CoreRelocation relocated = relocator.relocate(p.name(), insns, coreRecords, spec.btf().orElseThrow());
                relocated.poisoned().forEach(r -> LOG.log(Level.DEBUG, "program ''{0}'': {1}", p.name(), r));
                insns = relocated.instructions();
            }
            ProgLoadRequest.Builder request = ProgLoadRequest.builder(program.type(), Instructions.encode(insns))
                    .name(p.name())
                    .license(spec.license())
                    .kernVersion(spec.kernelVersion())
                    .progFlags(program.flags());
            if (program.expectedAttachType() != null) {
                request.expectedAttachType(program.expectedAttachType());
            }
            if (program.attachBtfId() != 0) {
                request.attachBtf(program.attachBtfId(), 0);
            }
            if (program.attachProgFd() >= 0) {
                request.attachProgFd(program.attachProgFd());
            }
            if (btfFd >= 0) {
                request.btfFd(btfFd);
                if (!p.funcInfos().isEmpty()) {
                    request.funcInfo(BtfExtEncoder.FUNC_INFO_SIZE, BtfExtEncoder.funcInfos(p.funcInfos()));
                }
                if (!p.lineInfos().isEmpty()) {
                    request.lineInfo(BtfExtEncoder.LINE_INFO_SIZE, BtfExtEncoder.lineInfos(p.lineInfos()));
                }
            }
            program.fd = scope.add(bpf.progLoad(request.build()));
            LOG.log(Level.DEBUG, "program ''{0}'' loaded: {1}, {2} instructions", p.name(), program.type(),
                    insns.size());
        }
    }

    private void forgetFds() {
        for (BpfMap m : object.maps()) {
            m.fd = null;
        }
        for (BpfProgram p : object.programs()) {
            p.fd = null;
        }
        object.btfFd = null;
        object.mappings.clear();
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long roundUpToPage(long size) {
        long page = MappedRegion.pageSize();
        return (size + page - 1) / page * page;
    }
}
