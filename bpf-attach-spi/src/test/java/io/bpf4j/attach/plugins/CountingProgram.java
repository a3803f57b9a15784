package io.bpf4j.attach.plugins;

import static io.bpf4j.elf.insn.Opcodes.BPF_ADD;
import static io.bpf4j.elf.insn.Opcodes.BPF_ALU64;
import static io.bpf4j.elf.insn.Opcodes.BPF_ATOMIC;
import static io.bpf4j.elf.insn.Opcodes.BPF_CALL;
import static io.bpf4j.elf.insn.Opcodes.BPF_DW;
import static io.bpf4j.elf.insn.Opcodes.BPF_EXIT;
import static io.bpf4j.elf.insn.Opcodes.BPF_JEQ;
import static io.bpf4j.elf.insn.Opcodes.BPF_JMP;
import static io.bpf4j.elf.insn.Opcodes.BPF_K;
import static io.bpf4j.elf.insn.Opcodes.BPF_MEM;
import static io.bpf4j.elf.insn.Opcodes.BPF_MOV;
import static io.bpf4j.elf.insn.Opcodes.BPF_PSEUDO_MAP_FD;
import static io.bpf4j.elf.insn.Opcodes.BPF_ST;
import static io.bpf4j.elf.insn.Opcodes.BPF_STX;
import static io.bpf4j.elf.insn.Opcodes.BPF_W;
import static io.bpf4j.elf.insn.Opcodes.BPF_X;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.insn.Instructions;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.MapCreateRequest;
import io.bpf4j.syscall.MapType;
import io.bpf4j.syscall.OwnedFd;
import io.bpf4j.syscall.ProgLoadRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A program, built from instructions, that counts its runs in a one-element ARRAY map: as a test
 * loads it before bpf-loader exists, with the definition a plugin gave.
 */
final class CountingProgram implements AutoCloseable {

    /** bpf_map_lookup_elem's helper id (include/uapi/linux/bpf.h). */
    private static final int BPF_FUNC_MAP_LOOKUP_ELEM = 1;
    /** bpf_map_update_elem's helper id. */
    private static final int BPF_FUNC_MAP_UPDATE_ELEM = 2;
    /** bpf_get_attach_cookie's helper id (Linux 5.15). */
    private static final int BPF_FUNC_GET_ATTACH_COOKIE = 174;

    private final Bpf bpf = Bpf.system();
    private final String name;
    private final String sectionName;
    private final ProgramDefinition definition;
    private final OwnedFd map;
    private final OwnedFd program;

    private CountingProgram(String name, String sectionName, ProgramDefinition definition, boolean recordCookie) {
        this(name, sectionName, definition, recordCookie, 0);
    }

    private CountingProgram(String name, String sectionName, ProgramDefinition definition, boolean recordCookie,
            int returnValue) {
        this.name = name;
        this.sectionName = sectionName;
        this.definition = definition;
        this.map = bpf.mapCreate(MapCreateRequest.builder(MapType.ARRAY, 4, 8, 1).name("counter").build());
        try {
            byte[] code = Instructions.encode(recordCookie ? cookieInstructions(map.fd()) : instructions(map.fd(), returnValue));
            ProgLoadRequest.Builder request = ProgLoadRequest.builder(definition.type(), code)
                    .name(name)
                    .license("GPL")
                    .progFlags(definition.programFlags());
            if (definition.expectedAttachType() != null) {
                request.expectedAttachType(definition.expectedAttachType());
            }
            if (definition.attachBtfId() != 0) {
                request.attachBtf(definition.attachBtfId(), 0);
            }
            this.program = bpf.progLoad(request.build());
        } catch (RuntimeException e) {
            map.close();
            throw e;
        }
    }

    /** Loads the counter as {@code definition} says. */
    static CountingProgram load(String name, String sectionName, ProgramDefinition definition) {
        return new CountingProgram(name, sectionName, definition, false);
    }

    /** Loads the counter as {@code definition} says, returning {@code returnValue} (XDP_PASS, allow ...). */
    static CountingProgram load(String name, String sectionName, ProgramDefinition definition, int returnValue) {
        return new CountingProgram(name, sectionName, definition, false, returnValue);
    }

    /** Loads a program that stores {@code bpf_get_attach_cookie()} in the map instead of counting. */
    static CountingProgram loadCookieRecorder(String name, String sectionName, ProgramDefinition definition) {
        return new CountingProgram(name, sectionName, definition, true);
    }

    /** {@code counter[0] += 1} with an atomic add; returns 0. */
    static List<Instruction> instructions(int mapFd) {
        return instructions(mapFd, 0);
    }

    /** {@code counter[0] += 1} with an atomic add; returns {@code returnValue}. */
    static List<Instruction> instructions(int mapFd, int returnValue) {
        return List.of(
                Instruction.ldImm64(1, BPF_PSEUDO_MAP_FD, mapFd),                    // r1 = &counter
                Instruction.of(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0),              // *(u32 *)(r10 - 4) = 0
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),            // r2 = r10
                Instruction.of(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),            // r2 += -4
                Instruction.of(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_MAP_LOOKUP_ELEM), // r0 = lookup(r1, r2)
                Instruction.of(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, 0),               // if r0 == 0 goto exit
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 1),             // r1 = 1
                Instruction.of(BPF_STX | BPF_ATOMIC | BPF_DW, 0, 1, 0, BPF_ADD),     // lock *(u64 *)r0 += r1
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, returnValue),   // r0 = returnValue
                Instruction.of(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
    }

    /** {@code counter[0] = bpf_get_attach_cookie(ctx)}; returns 0. */
    static List<Instruction> cookieInstructions(int mapFd) {
        return List.of(
                Instruction.of(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_GET_ATTACH_COOKIE),  // r0 = cookie(r1 = ctx)
                Instruction.of(BPF_STX | BPF_MEM | BPF_DW, 10, 0, -16, 0),              // *(u64 *)(r10 - 16) = r0
                Instruction.of(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0),                 // *(u32 *)(r10 - 4) = 0
                Instruction.ldImm64(1, BPF_PSEUDO_MAP_FD, mapFd),                       // r1 = &counter
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),               // r2 = r10 - 4
                Instruction.of(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_X, 3, 10, 0, 0),               // r3 = r10 - 16
                Instruction.of(BPF_ALU64 | BPF_ADD | BPF_K, 3, 0, 0, -16),
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_K, 4, 0, 0, 0),                // r4 = BPF_ANY
                Instruction.of(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_MAP_UPDATE_ELEM),
                Instruction.of(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
                Instruction.of(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
    }

    /** {@return the program's descriptor} */
    int fd() {
        return program.fd();
    }

    /** {@return the context a loader would hand the plugin} */
    AttachContext context() {
        return AttachContext.of(program.fd(), name, sectionName, definition.type());
    }

    /** {@return the program's kernel id} */
    int programId() {
        return bpf.progInfo(program.fd()).id();
    }

    /** {@return how often the program ran (for a cookie recorder: the last cookie it saw)} */
    long count() {
        byte[] key = new byte[4];
        byte[] value = new byte[8];
        if (!bpf.mapLookupElem(map.fd(), key, value)) {
            throw new AssertionError("counter element missing");
        }
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong();
    }

    @Override
    public void close() {
        try {
            program.close();
        } finally {
            map.close();
        }
    }
}
