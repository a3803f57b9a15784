package io.bpf4j.loader.internal;

import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Opcodes;
import io.bpf4j.elf.object.MapReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts map file descriptors into a program's {@code ld_imm64} instructions,
 * the way the kernel expects references to maps (UAPI linux/bpf.h):
 * {@code src = BPF_PSEUDO_MAP_FD, imm = fd} for a map, and
 * {@code src = BPF_PSEUDO_MAP_VALUE, imm = fd, next imm = offset} for an
 * address inside a data section's array map (a global variable).
 */
public final class MapReferencePatcher {
    private MapReferencePatcher() {
    }

    /**
     * @param program    the program's name, for messages
     * @param insns      the linked program
     * @param references its map references
     * @param fdsByName  the fd of every created map, by map or data section name
     * @return a new instruction list with every reference resolved
     */
    public static List<Instruction> patch(String program, List<Instruction> insns, List<MapReference> references,
                                          Map<String, Integer> fdsByName) {
        if (references.isEmpty()) {
            return insns;
        }
        List<Instruction> out = new ArrayList<>(insns);
        for (MapReference ref : references) {
            int at = ref.instructionIndex();
            Instruction insn = out.get(at);
            if (!insn.isLdImm64()) {
                throw new IllegalStateException("program '" + program + "': map reference at instruction " + at
                        + " is not an ld_imm64: " + insn);
            }
            if (ref instanceof MapReference.ToMap toMap) {
                int fd = fdOf(program, toMap.mapName(), fdsByName);
                out.set(at, insn.withSrc(Opcodes.BPF_PSEUDO_MAP_FD).withImm(fd).withNextImm(0));
            } else if (ref instanceof MapReference.ToDataSection toData) {
                int fd = fdOf(program, toData.sectionName(), fdsByName);
                out.set(at, insn.withSrc(Opcodes.BPF_PSEUDO_MAP_VALUE).withImm(fd).withNextImm(toData.offset()));
            } else {
                throw new UnsupportedOperationException("program '" + program + "': reference at instruction " + at
                        + " (" + ref + ") is not supported yet");
            }
        }
        return out;
    }

    private static int fdOf(String program, String map, Map<String, Integer> fdsByName) {
        Integer fd = fdsByName.get(map);
        if (fd == null) {
            throw new IllegalStateException("program '" + program + "' references map '" + map
                    + "', which was not created");
        }
        return fd;
    }
}
