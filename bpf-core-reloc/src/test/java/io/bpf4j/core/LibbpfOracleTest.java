package io.bpf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.object.ObjectSpec;
import io.bpf4j.elf.object.ProgramSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference oracle: the system's libbpf (libbpf-dev) relocates the same object, against the
 * running kernel and against the fake kernel's BTF, and every relocation must end the same way
 * under bpf4j: same instruction, same new value, or poisoned both times. libbpf relocates while
 * loading, so this test needs the privileges to create the object's maps.
 */
class LibbpfOracleTest {
    private static final Pattern PATCHED = Pattern.compile(
            "prog '(\\w+)': relo #(\\d+): patched insn #(\\d+) \\((?:ALU/ALU64|LDX/ST/STX|LDIMM64)\\) (?:imm|off|imm64) \\d+ -> (\\d+)");
    private static final Pattern POISONED = Pattern.compile("prog '(\\w+)': relo #(\\d+): substituting insn #(\\d+) ");

    @TempDir
    static Path dir;

    private static Path oracle;
    private static Path objectFile;
    private static Path fakeFile;
    private static ObjectSpec object;

    @BeforeAll
    static void buildOracle() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/usr/include/bpf/libbpf.h")), "libbpf-dev is not installed");
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "no kernel BTF at " + Btf.KERNEL_BTF);
        oracle = dir.resolve("libbpf_relo_oracle");
        run("clang-19", "-O1", "-o", oracle.toString(), Path.of("src/test/c/libbpf_relo_oracle.c").toString(), "-lbpf");
        objectFile = copy("core_reloc");
        fakeFile = copy("fake_kernel");
        object = TestObjects.object("core_reloc");
    }

    private static Path copy(String name) throws IOException {
        Path p = dir.resolve(name + ".bpf.o");
        try (InputStream in = LibbpfOracleTest.class.getResourceAsStream("/META-INF/bpf/" + name + ".bpf.o")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, command[0] + " cannot run: " + e.getMessage());
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS), command[0] + " timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    /** {@return "prog#relo" -> "insn #M = V" or "insn #M poisoned", from libbpf's debug lines} */
    private static Map<String, String> libbpfDecisions(String output) {
        Map<String, String> out = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher m = PATCHED.matcher(line);
            if (m.find() && !line.contains("mem_sz")) {
                out.put(m.group(1) + "#" + m.group(2), "insn #" + m.group(3) + " = " + m.group(4));
                continue;
            }
            m = POISONED.matcher(line);
            if (m.find()) {
                // A poisoned ld_imm64 is reported twice (both slots): keep the first slot.
                String key = m.group(1) + "#" + m.group(2);
                String v = "insn #" + m.group(3) + " poisoned";
                out.merge(key, v, (a, b) -> a.compareTo(b) <= 0 && a.length() <= b.length() ? a : b);
            }
        }
        return out;
    }

    private static Map<String, String> bpf4jDecisions(CoreRelocator relocator, String skipProgram) {
        Map<String, String> out = new TreeMap<>();
        for (ProgramSpec p : object.programs()) {
            if (p.name().equals(skipProgram)) {
                continue;
            }
            CoreRelocation r = relocator.relocate(p, TestObjects.btf(object));
            for (int i = 0; i < r.results().size(); i++) {
                CoreRelocationResult x = r.results().get(i);
                out.put(p.name() + "#" + i, "insn #" + x.slot() + (x.resolved() ? " = " + x.value() : " poisoned"));
            }
        }
        return out;
    }

    @Test
    void sameDecisionsAsLibbpfOnTheRunningKernel() throws IOException, InterruptedException {
        Map<String, String> libbpf = libbpfDecisions(run(oracle.toString(), objectFile.toString()));
        assumeTrue(!libbpf.isEmpty(), "libbpf did not relocate (no privilege to create the object's maps?)");
        Map<String, String> bpf4j = bpf4jDecisions(CoreRelocator.against(Btf.kernel()), "");
        assertEquals(libbpf, bpf4j);
        assertTrue(bpf4j.values().stream().anyMatch(v -> v.endsWith("poisoned")));
    }

    @Test
    void sameDecisionsAsLibbpfOnAnotherBtf() throws IOException, InterruptedException {
        String output = run(oracle.toString(), objectFile.toString(), fakeFile.toString());
        Map<String, String> libbpf = libbpfDecisions(output);
        assumeTrue(!libbpf.isEmpty(), "libbpf did not relocate (no privilege to create the object's maps?)");
        // libbpf stops the whole object at the ambiguous program, as bpf4j throws for it.
        assertTrue(output.contains("prog 'ambiguous': relo #0: field offset ambiguity"), output);
        assertFalse(libbpf.keySet().stream().anyMatch(k -> k.startsWith("ambiguous#")));
        CoreRelocator relocator = CoreRelocator.against(TestObjects.btf(TestObjects.object("fake_kernel")));
        assertEquals(libbpf, bpf4jDecisions(relocator, "ambiguous"));
        assertThrows(CoreRelocationException.class,
                () -> relocator.relocate(TestObjects.program(object, "ambiguous"), TestObjects.btf(object)));
    }
}
