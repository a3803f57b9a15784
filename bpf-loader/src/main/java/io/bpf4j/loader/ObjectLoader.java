package io.bpf4j.loader;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreRelocationRecord;
import io.bpf4j.core.CoreRelocation;
import io.bpf4j.core.CoreRelocator;
import io.bpf4j.core.CoreSpecFormat;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.object.DataSectionSpec;
import io.bpf4j.elf.object.MapSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.loader.internal.BtfExtEncoder;
import io.bpf4j.loader.internal.DataSectionMaps;
import io.bpf4j.loader.internal.DatasecLayout;
import io.bpf4j.loader.internal.ExternBtf;
import io.bpf4j.loader.internal.ExternPatch;
import io.bpf4j.loader.internal.ExternResolver;
import io.bpf4j.loader.internal.KconfigLayout;
import io.bpf4j.loader.internal.LoaderServices;
import io.bpf4j.loader.internal.MapReferencePatcher;
import io.bpf4j.loader.internal.PoisonedInstruction;
import io.bpf4j.loader.internal.ResolvedExterns;
import io.bpf4j.loader.internal.ResourceScope;
import io.bpf4j.loader.internal.SourceLines;
import io.bpf4j.loader.internal.VerifierLogRewriter;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.MappedRegion;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private StructOpsMaps structOps;
    private ResolvedExterns externs;

    ObjectLoader(BpfObject object, ObjectSpec spec, LoaderServices services) {
        this.object = object;
        this.spec = spec;
        this.services = services;
        this.bpf = services.bpf();
    }

    void load() {
        try {
            rejectUnsupportedSections();
            resolveExterns();
            loadBtf();
            structOps = new StructOpsMaps(object, spec, spec.structOps().isEmpty() ? null : services.kernelBtf());
            createMaps();
            loadPrograms();
            externs.close(); // module BTF fds: the loaded programs hold the kernel's own references
            structOps.prepareValues();
            scope.commit();
        } catch (RuntimeException | Error e) {
            forgetFds();
            scope.closeAll(e);
            throw e;
        }
    }

    /** The object model recognises arenas; the loader cannot create them yet. */
    private void rejectUnsupportedSections() {
        spec.arena().ifPresent(a -> {
            throw new UnsupportedOperationException(spec.name() + ": arena map '" + a.mapName() + "' ("
                    + a.sectionName() + ") is not supported yet");
        });
    }

    /** Resolves .kconfig/.ksyms externs against the running kernel before anything is created, as libbpf. */
    private void resolveExterns() {
        externs = scope.add(ExternResolver.resolve(spec, object.kconfigLayout(), object.userKconfig(), services));
    }

    private void loadBtf() {
        if (spec.btf().isEmpty()) {
            return;
        }
        btfForKernel = ExternBtf.apply(DatasecLayout.apply(spec.btf().get(), spec.elf()), object.kconfigLayout());
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
        OwnedFd kconfigMap = externs.createKconfigMap(bpf, scope, btfFd, DataSectionMaps.flags(true));
        if (kconfigMap != null) {
            object.map(KconfigLayout.SECTION).fd = kconfigMap;
        }
        structOps.createMaps(bpf, scope, btfFd);
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
            if (structOps.skips(p.name())) {
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
            ExternPatch externPatch = externs.patch(p.name(), insns, p.externReferences(),
                    mapFds.getOrDefault(KconfigLayout.SECTION, -1));
            insns = externPatch.instructions();
            // Instructions made invalid on purpose, explained in the verifier log if reached.
            List<PoisonedInstruction> poisoned = new ArrayList<>(externPatch.poisoned());
            List<Instruction> compiled = insns;
            List<CoreRelocationRecord> coreRecords = p.coreRelocations();
            if (!coreRecords.isEmpty()) {
                if (relocator == null) {
                    relocator = object.coreBtf() != null
                            ? CoreRelocator.against(Btf.read(object.coreBtf()))
                            : services.kernelBtfs().coreRelocator();
                }
                CoreRelocation relocated = relocator.relocate(p.name(), insns, coreRecords, spec.btf().orElseThrow());
                relocated.poisoned().forEach(r -> LOG.log(Level.DEBUG, "program ''{0}'': {1}", p.name(), r));
                relocated.poisoned().forEach(r -> poisoned.add(new PoisonedInstruction(r.slot(),
                        "failed to resolve CO-RE relocation " + CoreSpecFormat.format(spec.btf().get(), r.record()))));
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
            // A module's BTF object names a module target; the kernel needs it only during the load.
            OwnedFd attachBtfObj = program.attachBtfObjId() > 0
                    ? scope.add(bpf.btfGetFdById(program.attachBtfObjId())) : null;
            if (program.attachBtfId() != 0) {
                request.attachBtf(program.attachBtfId(), attachBtfObj == null ? 0 : attachBtfObj.fd());
            }
            if (program.attachProgFd() >= 0) {
                request.attachProgFd(program.attachProgFd());
            }
            externs.configure(request);
            structOps.configure(p.name(), request);
            if (btfFd >= 0) {
                request.btfFd(btfFd);
                if (!p.funcInfos().isEmpty()) {
                    request.funcInfo(BtfExtEncoder.FUNC_INFO_SIZE, BtfExtEncoder.funcInfos(p.funcInfos()));
                }
                if (!p.lineInfos().isEmpty()) {
                    request.lineInfo(BtfExtEncoder.LINE_INFO_SIZE, BtfExtEncoder.lineInfos(p.lineInfos()));
                }
            }
            try {
                program.fd = scope.add(bpf.progLoad(request.build()));
            } catch (BpfException e) {
                SourceLines source = spec.btf().map(b -> new SourceLines(p.lineInfos(), b, compiled))
                        .orElse(SourceLines.none());
                throw VerifierLogRewriter.rewrite(e, "program '" + p.name() + "' in " + spec.name(), poisoned, source);
            }
            if (attachBtfObj != null) {
                attachBtfObj.close();
            }
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
