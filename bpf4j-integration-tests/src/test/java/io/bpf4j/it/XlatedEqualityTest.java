package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.headers.BpfHeaders;
import io.bpf4j.loader.BpfMap;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.Bpf;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof against libbpf: the same object is loaded by Debian's libbpf (a small C loader built
 * here with gcc, src/test/c/libbpf_xlated_dump.c) and by bpf4j, and every program's translated
 * instructions ({@code bpf_prog_info.xlated_prog_insns}, what the verifier made of the loaded
 * code) must be identical. Both loads go into this kernel, one after the other.
 *
 * <p>Normalised, and only that: an {@code ld_imm64} of a map ({@code src_reg}
 * BPF_PSEUDO_MAP_FD = 1 or BPF_PSEUDO_MAP_VALUE = 2; the kernel's bpf_insn_prepare_dump puts the
 * map's id in {@code imm}, the value offset in the second slot's {@code imm}). The two loads
 * create different maps, so the id becomes the map's name in the object (libbpf's names of
 * internal maps, "core_xl.bss", are reduced to the section, ".bss", as bpf4j names them). The
 * offset and everything else are compared as the kernel shows them.
 *
 * <p>The objects: src/test/bpf/core_xlated.bpf.c (every relocation kind), externs_xlated.bpf.c
 * (kconfig values, an untyped ksym, kfunc calls; typed ksyms cannot load on this host) and CO-RE
 * programs of the kernel's BPF selftests taken from Debian's linux-source-6.12, compiled against
 * bpf4j's headers.
 */
class XlatedEqualityTest {
    private static final Path WORK = Path.of("target", "xlated-oracle");
    private static final Path SOURCE_TARBALL = Path.of("/usr/src/linux-source-6.12.tar.xz");
    private static final String SELFTESTS = "linux-source-6.12/tools/testing/selftests/bpf/progs/";
    /** Selftests CO-RE programs that load on this host's kernel and use no extern. */
    private static final List<String> SELFTEST_PROGRAMS = List.of("test_core_read_macros", "test_core_retro",
            "core_kern_overflow");
    /** {@code BPF_LD | BPF_IMM | BPF_DW} (include/uapi/linux/bpf_common.h). */
    private static final int LD_IMM64 = 0x18;
    /** {@code BPF_PSEUDO_MAP_FD} and {@code BPF_PSEUDO_MAP_VALUE} (include/uapi/linux/bpf.h). */
    private static final int PSEUDO_MAP_FD = 1;
    private static final int PSEUDO_MAP_VALUE = 2;

    private static Path loader;

    @BeforeAll
    static void buildLibbpfLoader() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/usr/include/bpf/libbpf.h")), "libbpf-dev is not installed");
        assumeTrue(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "no kernel BTF");
        Files.createDirectories(WORK);
        loader = WORK.resolve("libbpf_xlated_dump");
        Result gcc = run(tool("gcc").toString(), "-O1", "-Wall", "-Werror", "-o", loader.toString(),
                Path.of("src/test/c/libbpf_xlated_dump.c").toString(), "-lbpf");
        assertEquals(0, gcc.exitCode(), gcc.output());
    }

    @Test
    void ownCoreProgramsTranslateIdentically() throws Exception {
        Path object = WORK.resolve("core_xlated.bpf.o");
        try (InputStream in = XlatedEqualityTest.class.getResourceAsStream("/META-INF/bpf/core_xlated.bpf.o")) {
            assertTrue(in != null, "core_xlated.bpf.o was not compiled from src/test/bpf");
            Files.write(object, in.readAllBytes());
        }
        Map<String, List<String>> compared = compare(object);
        assertEquals(List.of("chains", "anon_members", "bitfields", "enums", "flavors", "types"),
                List.copyOf(compared.keySet()));
        // The equality is over relocated code: clang wrote 200 for PIDTYPE_SID___mine (a local
        // value) where this kernel's enum pid_type has 3, and 300 for an enumerator no kernel has
        // (poisoned behind its existence check, then removed by the verifier as dead code).
        List<Integer> enums = immediates(compared.get("enums"));
        assertFalse(enums.contains(200) || enums.contains(300), "local enum values left in " + enums);
        assertTrue(enums.contains(3), "PIDTYPE_SID's kernel value in " + enums);
    }

    /**
     * Externs: the {@code .kconfig} map value offsets (libbpf's layout), an untyped ksym's address,
     * a kfunc call by BTF id and a weak absent kfunc's dead call translate as libbpf's do.
     */
    @Test
    void externProgramsTranslateIdentically() throws Exception {
        Path object = WORK.resolve("externs_xlated.bpf.o");
        try (InputStream in = XlatedEqualityTest.class.getResourceAsStream("/META-INF/bpf/externs_xlated.bpf.o")) {
            assertTrue(in != null, "externs_xlated.bpf.o was not compiled from src/test/bpf");
            Files.write(object, in.readAllBytes());
        }
        Map<String, List<String>> compared = compare(object);
        assertEquals(List.of("kconfig_ksym", "ct_kfunc"), List.copyOf(compared.keySet()));
    }

    /**
     * The object CoreOnKernelsTest runs on five kernels (task_struct chains through anonymous
     * members, the state/__state flavors, bitfield-free existence, size and enum queries).
     */
    @Test
    void kernelHistoryProgramTranslatesIdentically() throws Exception {
        Path object = WORK.resolve("core_kernels.bpf.o");
        try (InputStream in = XlatedEqualityTest.class.getResourceAsStream("/META-INF/bpf/core_kernels.bpf.o")) {
            assertTrue(in != null, "core_kernels.bpf.o was not compiled from src/test/bpf");
            Files.write(object, in.readAllBytes());
        }
        assertFalse(compare(object).isEmpty(), "no program compared");
    }

    /** {@return the imm field of every slot that is not a normalised map reference} */
    private static List<Integer> immediates(List<String> slots) {
        List<Integer> out = new ArrayList<>();
        for (String slot : slots) {
            if (slot.length() == 16) {
                out.add(ByteBuffer.wrap(HexFormat.of().parseHex(slot, 8, 16)).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
        }
        return out;
    }

    @Test
    void kernelSelftestsCoreProgramsTranslateIdentically() throws Exception {
        assumeTrue(Files.isReadable(SOURCE_TARBALL), SOURCE_TARBALL + " is missing (Debian package linux-source-6.12)");
        Path progs = extractSelftests();
        Path include = BpfHeaders.extractTo(WORK.resolve("include"));
        Path vmlinux = vmlinuxHeader();
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86";
        String multiarch = arch.equals("arm64") ? "/usr/include/aarch64-linux-gnu" : "/usr/include/x86_64-linux-gnu";
        int programs = 0;
        for (String name : SELFTEST_PROGRAMS) {
            Path object = WORK.resolve(name + ".bpf.o");
            Result clang = run(tool("clang-19").toString(), "-target", "bpf", "-D__TARGET_ARCH_" + arch, "-g", "-O2",
                    "-I" + include, "-I" + vmlinux, "-I" + progs, "-idirafter", multiarch, "-c",
                    progs.resolve(name + ".c").toString(), "-o", object.toString());
            assertEquals(0, clang.exitCode(), name + " does not compile against bpf4j's headers:\n" + clang.output());
            programs += compare(object).size();
        }
        assertEquals(SELFTEST_PROGRAMS.size(), programs, "one program per selftest object");
    }

    /**
     * Loads {@code object} with libbpf and with bpf4j and compares each program's normalised
     * translated instructions; {@return them by program, in libbpf's order}.
     */
    private static Map<String, List<String>> compare(Path object) throws Exception {
        Result dump = run(loader.toString(), object.toString());
        assumeTrue(dump.exitCode() != 3 || !dump.output().contains("Operation not permitted"),
                "libbpf may not load programs here: " + dump.output());
        assertEquals(0, dump.exitCode(), "libbpf could not load " + object + ":\n" + dump.output());
        Map<String, List<String>> libbpf = parseLibbpf(dump.output());
        Map<String, List<String>> bpf4j = new LinkedHashMap<>();
        try (BpfObject obj = BpfObject.open(object)) {
            obj.load();
            Bpf bpf = Bpf.system();
            Map<Integer, String> mapNames = new HashMap<>();
            for (BpfMap map : obj.maps()) {
                mapNames.put(bpf.mapInfo(map.fd()).id(), map.name());
            }
            for (BpfProgram program : obj.programs()) {
                if (program.isLoaded()) {
                    bpf4j.put(program.name(), normalise(bpf.progXlatedInsns(program.fd()), mapNames));
                }
            }
        }
        assertEquals(libbpf.keySet(), bpf4j.keySet(), "the programs loaded of " + object.getFileName());
        for (String program : libbpf.keySet()) {
            assertFalse(libbpf.get(program).isEmpty(), program + ": the kernel showed no translated instruction");
            assertEquals(String.join("\n", libbpf.get(program)), String.join("\n", bpf4j.get(program)),
                    object.getFileName() + ": program " + program + " translated differently (libbpf, expected; bpf4j, actual)");
        }
        System.out.printf("xlated equality: %s: %d program(s) identical to libbpf's: %s%n", object.getFileName(),
                libbpf.size(), libbpf.keySet());
        return libbpf;
    }

    /** Parses the C loader's output ("map ID NAME", "prog NAME", "insn HEX") into normalised programs. */
    private static Map<String, List<String>> parseLibbpf(String output) {
        Map<Integer, String> mapNames = new HashMap<>();
        Map<String, List<byte[]>> slots = new LinkedHashMap<>();
        String current = null;
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f[0].equals("map") && f.length == 3) {
                mapNames.put(Integer.parseInt(f[1]), f[2]);
            } else if (f[0].equals("prog") && f.length == 2) {
                current = f[1];
                slots.put(current, new ArrayList<>());
            } else if (f[0].equals("insn") && f.length == 2 && current != null) {
                slots.get(current).add(HexFormat.of().parseHex(f[1]));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        slots.forEach((name, list) -> {
            ByteBuffer b = ByteBuffer.allocate(list.size() * 8);
            list.forEach(b::put);
            out.put(name, normalise(b.array(), mapNames));
        });
        return out;
    }

    /** {@return one string per slot: its hex, except a map's id in an ld_imm64, replaced by the map's name} */
    private static List<String> normalise(byte[] insns, Map<Integer, String> mapNames) {
        ByteBuffer b = ByteBuffer.wrap(insns).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>(insns.length / 8);
        HexFormat hex = HexFormat.of();
        for (int at = 0; at + 8 <= insns.length; at += 8) {
            int code = b.get(at) & 0xff;
            int src = (b.get(at + 1) >> 4) & 0xf;
            String slot = hex.formatHex(insns, at, at + 8);
            if (code == LD_IMM64 && (src == PSEUDO_MAP_FD || src == PSEUDO_MAP_VALUE)) {
                int id = b.getInt(at + 4);
                String name = mapNames.get(id);
                assertTrue(name != null, "ld_imm64 of map id " + id + " which neither loader created: " + mapNames);
                slot = hex.formatHex(insns, at, at + 4) + " map " + canonicalMapName(name);
            }
            out.add(slot);
        }
        return out;
    }

    /** libbpf names an internal map "<object prefix>.bss"; bpf4j ".bss": both become the section. */
    private static String canonicalMapName(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(dot) : name;
    }

    private static Path extractSelftests() throws IOException, InterruptedException {
        Path progs = WORK.resolve("selftests").resolve(SELFTESTS);
        List<String> members = new ArrayList<>();
        for (String name : SELFTEST_PROGRAMS) {
            members.add(SELFTESTS + name + ".c");
        }
        members.add(SELFTESTS + "bpf_misc.h");
        boolean cached = members.stream().allMatch(m -> Files.isReadable(WORK.resolve("selftests").resolve(m)));
        if (!cached) {
            Files.createDirectories(WORK.resolve("selftests"));
            List<String> cmd = new ArrayList<>(List.of("tar", "-xJf", SOURCE_TARBALL.toString(), "-C",
                    WORK.resolve("selftests").toString()));
            cmd.addAll(members);
            Result tar = run(cmd.toArray(new String[0]));
            assertEquals(0, tar.exitCode(), tar.output());
        }
        return progs;
    }

    private static Path vmlinuxHeader() throws IOException, InterruptedException {
        Path dir = WORK.resolve("vmlinux");
        Path header = dir.resolve("vmlinux.h");
        if (!Files.isReadable(header)) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(tool("bpftool").toString(), "btf", "dump", "file", "/sys/kernel/btf/vmlinux",
                    "format", "c").redirectOutput(header.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals(0, p.waitFor(), "bpftool btf dump");
        }
        return dir;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), out);
    }

    private static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not on PATH");
        throw new AssertionError("unreachable");
    }
}
