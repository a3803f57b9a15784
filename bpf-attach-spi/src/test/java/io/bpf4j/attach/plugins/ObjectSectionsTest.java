package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.elf.object.MapReference;
import io.bpf4j.elf.object.MapSpec;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Does what bpf-loader will do with the SPI, on an object compiled from C
 * ({@code src/test/bpf/attach_sections.bpf.c}): for each program, the registry picks the plugin
 * from the section name, the plugin defines the load, and the auto-attachable programs attach.
 */
class ObjectSectionsTest {

    private static final Bpf BPF = Bpf.system();

    /** The slot each program counts into, from the C source. */
    private static final Map<String, Integer> SLOTS = Map.of("on_tp", 0, "on_tracepoint", 1, "on_raw_tp", 2,
            "on_raw_tracepoint", 3, "on_tp_btf", 4, "on_uprobe", 5, "on_uretprobe", 6, "manual_uprobe", 7);

    @BeforeAll
    static void mountTracefs() throws Exception {
        KernelFixtures.ensureTracefs();
    }

    @Test
    void everyBuiltInSectionLoadsAttachesAndFires() throws Exception {
        ObjectSpec object;
        try (InputStream in = ObjectSectionsTest.class.getResourceAsStream("/META-INF/bpf/attach_sections.bpf.o")) {
            assertNotNull(in, "attach_sections.bpf.o was not built by bpf4j-maven-plugin");
            object = ObjectSpec.parse(in.readAllBytes(), "attach_sections");
        }
        assertEquals(SLOTS.keySet(), object.programs().stream().map(ProgramSpec::name).collect(java.util.stream.Collectors.toSet()));
        AttachPlugins plugins = AttachPlugins.load();
        MapSpec hitsSpec = object.map("hits").orElseThrow();
        List<AutoCloseable> resources = new ArrayList<>();
        Map<String, Link> links = new TreeMap<>();
        try (OwnedFd hits = BPF.mapCreate(MapCreateRequest.builder(MapType.of(hitsSpec.type()), hitsSpec.keySize(),
                hitsSpec.valueSize(), hitsSpec.maxEntries()).name("hits").build())) {
            for (ProgramSpec program : object.programs()) {
                AttachPlugin plugin = plugins.pluginFor(program.sectionName());
                ProgramDefinition definition = plugin.define(program.sectionName(), LoadContext.system());
                OwnedFd fd = load(object, program, definition, hits.fd());
                resources.add(fd);
                if (definition.autoAttach()) {
                    Link link = plugin.attach(AttachContext.of(fd.fd(), program.name(), program.sectionName(), definition.type()));
                    resources.add(link);
                    links.put(program.name(), link);
                }
            }
            assertFalse(links.containsKey("manual_uprobe"), "a bare uprobe section does not auto-attach");
            assertEquals(7, links.size(), links.toString());

            KernelFixtures.runTrue(3, "x");
            for (Map.Entry<String, Integer> slot : SLOTS.entrySet()) {
                long count = read(hits.fd(), slot.getValue());
                if (slot.getKey().equals("manual_uprobe")) {
                    assertEquals(0, count, "the unattached program never ran");
                } else {
                    assertTrue(count >= 3, slot.getKey() + " ran " + count + " times");
                }
            }

            for (Link link : links.values()) {
                link.close();
            }
            long[] before = new long[8];
            for (int i = 0; i < 8; i++) {
                before[i] = read(hits.fd(), i);
            }
            KernelFixtures.runTrue(2, "x");
            for (int i = 0; i < 8; i++) {
                assertEquals(before[i], read(hits.fd(), i), "slot " + i + " after every link closed");
            }
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
        }
    }

    private static OwnedFd load(ObjectSpec object, ProgramSpec program, ProgramDefinition definition, int mapFd) {
        List<Instruction> insns = new ArrayList<>(program.instructions());
        for (MapReference reference : program.mapReferences()) {
            MapReference.ToMap toMap = (MapReference.ToMap) reference;
            assertEquals("hits", toMap.mapName());
            Instruction ld = insns.get(toMap.instructionIndex());
            insns.set(toMap.instructionIndex(), ld.withSrc(Opcodes.BPF_PSEUDO_MAP_FD).withImm(mapFd).withNextImm(0));
        }
        ProgLoadRequest.Builder request = ProgLoadRequest.builder(definition.type(), Instructions.encode(insns))
                .name(program.name())
                .license(object.license())
                .progFlags(definition.programFlags());
        if (definition.expectedAttachType() != null) {
            request.expectedAttachType(definition.expectedAttachType());
        }
        if (definition.attachBtfId() != 0) {
            request.attachBtf(definition.attachBtfId(), 0);
        }
        return BPF.progLoad(request.build());
    }

    private static long read(int mapFd, int slot) {
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(slot).array();
        byte[] value = new byte[8];
        assertTrue(BPF.mapLookupElem(mapFd, key, value));
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong();
    }
}
