package io.bpf4j.loader;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.StructOpsSpec;
import io.bpf4j.loader.internal.ResourceScope;
import io.bpf4j.loader.internal.StructOpsLayout;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import io.bpf4j.syscall.ProgramType;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The struct_ops steps of one {@link ObjectLoader} run, in libbpf's order: lay each
 * {@code .struct_ops}/{@code .struct_ops.link} variable out for the running kernel
 * ({@link StructOpsLayout}), create its {@code BPF_MAP_TYPE_STRUCT_OPS} map, give each callback
 * program its load-time target (the kernel struct and the member's index), and once the programs
 * are loaded put their descriptors into the value that {@link BpfMap#attachStructOps()} writes.
 */
final class StructOpsMaps {
    private static final System.Logger LOG = BpfLog.logger(StructOpsMaps.class);

    /** Where a callback program attaches: the kernel struct's BTF id and the member's index. */
    private record Target(String map, String member, int kernelTypeId, int memberIndex) {
    }

    private final BpfObject object;
    private final ObjectSpec spec;
    private final Map<String, StructOpsLayout> layouts = new LinkedHashMap<>();
    private final Map<String, Target> targets = new HashMap<>();

    /**
     * Lays out every struct_ops variable; nothing is created in the kernel yet.
     *
     * @throws StructOpsException when a variable does not fit the running kernel
     */
    StructOpsMaps(BpfObject object, ObjectSpec spec, Btf kernelBtf) {
        this.object = object;
        this.spec = spec;
        for (StructOpsSpec s : spec.structOps()) {
            Btf objectBtf = spec.btf().orElseThrow(() -> new StructOpsException(spec.name(), s.name(), null,
                    "the object has no BTF, which struct_ops maps need"));
            StructOpsLayout layout = StructOpsLayout.of(spec.name(), s, objectBtf, kernelBtf,
                    name -> object.programsByName().containsKey(name) ? object.program(name).type() : null);
            for (StructOpsLayout.Callback c : layout.callbacks()) {
                Target target = new Target(s.name(), c.member(), layout.kernelTypeId(), c.memberIndex());
                Target earlier = targets.putIfAbsent(c.program(), target);
                // One program may serve several maps, but only as the same member of the same struct.
                if (earlier != null && (earlier.kernelTypeId() != target.kernelTypeId()
                        || earlier.memberIndex() != target.memberIndex())) {
                    throw new StructOpsException(spec.name(), s.name(), c.member(), "program '" + c.program()
                            + "' is also member '" + earlier.member() + "' of '" + earlier.map() + "'; a struct_ops"
                            + " program implements one member of one struct");
                }
                if (!object.program(c.program()).autoLoad()) {
                    throw new StructOpsException(spec.name(), s.name(), c.member(), "points to program '"
                            + c.program() + "', whose auto-load is off");
                }
            }
            layouts.put(s.name(), layout);
        }
    }

    /** Creates each struct_ops map: key 4 bytes, the kernel wrapper as value, one entry. */
    void createMaps(Bpf bpf, ResourceScope scope, int btfFd) {
        for (StructOpsLayout layout : layouts.values()) {
            BpfMap map = object.map(layout.spec().name());
            if (btfFd < 0) {
                // The kernel resolves the value type through the object's BTF descriptor.
                throw new StructOpsException(spec.name(), map.name(), null, "the kernel refused the object's BTF,"
                        + " which a struct_ops map needs");
            }
            MapCreateRequest request = MapCreateRequest.builder(MapType.STRUCT_OPS, 4, layout.valueSize(), 1)
                    .name(map.kernelName())
                    .flags(map.flags())
                    .btf(btfFd, 0, 0)
                    .btfVmlinuxValueTypeId(layout.valueTypeId())
                    .build();
            OwnedFd fd;
            try {
                fd = bpf.mapCreate(request);
            } catch (BpfException e) {
                if (e.errno() != Errno.ENOTSUPP) {
                    throw e;
                }
                // Kernels before ~5.11 parse their own BTF, and only then know their struct_ops types,
                // on the first program load (libbpf always loads a probe program first): do the same, retry.
                parseKernelBtf(bpf);
                fd = bpf.mapCreate(request);
            }
            map.fd = scope.add(fd);
            LOG.log(Level.DEBUG, "struct_ops map ''{0}'' created: {1}", map.name(), layout);
        }
    }

    /** Loads and closes a two-instruction program: the verifier parses the kernel's BTF on its first run. */
    private static void parseKernelBtf(Bpf bpf) {
        byte[] returnZero = {
            (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,   // r0 = 0 (BPF_ALU64 | BPF_MOV | BPF_K)
            (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};  // exit (BPF_JMP | BPF_EXIT)
        ProgLoadRequest probe = ProgLoadRequest.builder(ProgramType.SOCKET_FILTER, returnZero)
                .name("bpf4j_btf_probe").license("GPL").build();
        bpf.progLoad(probe).close();
    }

    /** {@return true for a struct_ops program no map points at: libbpf does not load those either} */
    boolean skips(String program) {
        BpfProgram p = object.program(program);
        if (p.type() == ProgramType.STRUCT_OPS && !targets.containsKey(program)) {
            LOG.log(Level.DEBUG, "program ''{0}'' not loaded: no struct_ops map points at it", program);
            return true;
        }
        return false;
    }

    /** Sets a callback program's load-time target: {@code attach_btf_id} and the member index. */
    void configure(String program, ProgLoadRequest.Builder request) {
        Target target = targets.get(program);
        if (target == null || object.program(program).type() != ProgramType.STRUCT_OPS) {
            return;
        }
        request.structOpsMember(target.memberIndex());
        request.attachBtf(target.kernelTypeId(), 0);
    }

    /** Puts the loaded programs' descriptors into each map's value, ready for {@link BpfMap#attachStructOps()}. */
    void prepareValues() {
        for (StructOpsLayout layout : layouts.values()) {
            BpfMap map = object.map(layout.spec().name());
            map.structOpsPrepared(layout.valueSize(), layout.value(program -> object.program(program).fd()));
        }
    }
}
