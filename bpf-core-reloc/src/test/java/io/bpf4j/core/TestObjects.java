package io.bpf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreRelocationKind;
import io.bpf4j.elf.insn.Instruction;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The BPF objects compiled from src/test/bpf, and lookups in relocation reports. */
final class TestObjects {
    private TestObjects() {
    }

    /** {@return an object compiled from src/test/bpf/<name>.bpf.c; fails if the build did not produce it} */
    static ObjectSpec object(String name) {
        String resource = "/META-INF/bpf/" + name + ".bpf.o";
        try (InputStream in = TestObjects.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing: the bpf4j-maven-plugin should have compiled src/test/bpf/" + name + ".bpf.c");
            return ObjectSpec.parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return one program of an object} */
    static ProgramSpec program(ObjectSpec object, String name) {
        return object.program(name).orElseThrow(() -> new AssertionError("no program " + name + " in " + object.name()));
    }

    /** {@return the object's own BTF} */
    static Btf btf(ObjectSpec object) {
        return object.btf().orElseThrow(() -> new AssertionError(object.name() + " has no .BTF"));
    }

    /** {@return the results of a kind and local spec, in record order; at least one} */
    static List<CoreRelocationResult> results(CoreRelocation r, CoreRelocationKind kind, String localSpec) {
        List<CoreRelocationResult> found = r.results().stream()
                .filter(x -> x.kind() == kind && x.localSpec().equals(localSpec)).toList();
        assertTrue(!found.isEmpty(), "no " + kind + " relocation of " + localSpec + " in " + r.results());
        return found;
    }

    /** {@return the only result of a kind and local spec} */
    static CoreRelocationResult result(CoreRelocation r, CoreRelocationKind kind, String localSpec) {
        List<CoreRelocationResult> found = results(r, kind, localSpec);
        assertEquals(1, found.size(), () -> "several " + kind + " relocations of " + localSpec + ": " + found);
        return found.get(0);
    }

    /** {@return the relocated instruction of a result} */
    static Instruction instruction(CoreRelocation r, CoreRelocationResult result) {
        int index = r.indexOfSlot(result.slot());
        assertTrue(index >= 0, "no instruction at slot " + result.slot());
        return r.instructions().get(index);
    }

    /** {@return whether an instruction is the poison call} */
    static boolean isPoison(Instruction insn) {
        return insn.isHelperCall() && insn.imm() == 0xbad2310;
    }
}
