package io.bpf4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import io.bpf4j.headers.TestTools.ProcessResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles BPF programs against the extracted headers with clang-19 and checks the machine code
 * llvm-objdump-19 shows: helper numbers in the calls, and which pt_regs / context slots the
 * tracing macros read.
 */
class HeadersCompileTest {

    private static final Pattern CALL = Pattern.compile("\\bcall (0x[0-9a-f]+)\\b");
    private static final Pattern CTX_LOAD = Pattern.compile("(r\\d) = \\*\\(u64 \\*\\)\\(r1 \\+ (0x[0-9a-f]+)\\)");
    private static final Pattern STORE = Pattern.compile("\\*\\(u64 \\*\\)\\(r\\d \\+ (0x[0-9a-f]+)\\) = (r\\d)");

    @TempDir
    Path work;
    Path include;
    Path sources;

    @BeforeEach
    void extract() throws IOException {
        include = BpfHeaders.extractTo(work.resolve("include"));
        sources = work.resolve("src");
        Files.createDirectories(sources);
        for (String name : List.of("minimal_types.h", "helpers.bpf.c", "tracing_arm64.bpf.c", "tracing_x86.bpf.c",
                "needs_arch.bpf.c")) {
            try (InputStream in = HeadersCompileTest.class.getResourceAsStream("/compile/" + name)) {
                Files.copy(in, sources.resolve(name));
            }
        }
    }

    @Test
    void helpersCompileToCallsOfTheirNumbers() throws Exception {
        String asm = compileAndDisassemble("helpers.bpf.c", List.of());
        Set<Integer> calls = new TreeSet<>();
        Matcher m = CALL.matcher(asm);
        while (m.find()) {
            calls.add(Integer.decode(m.group(1)));
        }
        // Helper numbers are kernel ABI (enum bpf_func_id, include/uapi/linux/bpf.h): they never change.
        int[] expected = {1 /* map_lookup_elem */, 2 /* map_update_elem */, 3 /* map_delete_elem */,
            5 /* ktime_get_ns */, 6 /* trace_printk */, 7 /* get_prandom_u32 */, 8 /* get_smp_processor_id */,
            12 /* tail_call */, 14 /* get_current_pid_tgid */, 16 /* get_current_comm */,
            113 /* probe_read_kernel */, 131 /* ringbuf_reserve */, 132 /* ringbuf_submit */,
            177 /* trace_vprintk */};
        for (int id : expected) {
            assertTrue(calls.contains(id), "call " + id + " in " + calls);
        }
    }

    @Test
    void arm64ArgumentsComeFromX0ToX7() throws Exception {
        Map<Integer, Integer> slots = ctxSlotsStored(compileAndDisassemble("tracing_arm64.bpf.c",
                List.of("-D__TARGET_ARCH_arm64")));
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            expected.put(i, i * 8); // out[i] = regs[i]
        }
        expected.put(8, 32 * 8);   // PT_REGS_IP: pc, after regs[31] and sp
        expected.put(9, 31 * 8);   // PT_REGS_SP: sp
        expected.put(10, 30 * 8);  // PT_REGS_RET: the link register x30
        expected.put(11, 29 * 8);  // PT_REGS_FP: x29
        expected.put(12, 0);       // PT_REGS_RC: x0
        assertEquals(expected, slots);
    }

    @Test
    void x86ArgumentsFollowTheSystemVConventionInVmlinuxPtRegs() throws Exception {
        Path vmlinuxDir = dumpVmlinuxHeader();
        String asm = compileAndDisassemble("tracing_x86.bpf.c", List.of("-D__TARGET_ARCH_x86", "-I" + vmlinuxDir));
        Map<Integer, Integer> stored = ctxSlotsStored(asm);
        // struct pt_regs on x86_64: r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss
        Map<Integer, Integer> expected = new TreeMap<>(Map.of(
                0, 14 * 8, 1, 13 * 8, 2, 12 * 8, 3, 11 * 8, 4, 9 * 8, 5, 8 * 8, // di si dx cx r8 r9
                6, 16 * 8, 7, 19 * 8, 8, 4 * 8,                                  // ip sp bp
                9, 10 * 8));                                                     // ax
        // tp_btf and fentry read ctx[i]: (BPF_PROG) 0,1,2 and (BPF_PROG2) 0,1,2,3 with the struct in slots 1-2.
        stored.keySet().removeIf(k -> k > 9);
        assertEquals(expected, stored);
        assertTrue(asm.contains("<by_value>:"), "BPF_PROG2 entry point");
        String byValue = asm.substring(asm.indexOf("<by_value>:"));
        for (String slot : List.of("0x0", "0x8", "0x10", "0x18")) {
            assertTrue(byValue.contains("(r1 + " + slot + ")"), "BPF_PROG2 reads ctx slot " + slot + "\n" + byValue);
        }
    }

    @Test
    void registerAccessWithoutTargetArchIsACompileErrorSayingWhatToDefine() throws Exception {
        Path clang = tool("clang-19");
        ProcessResult r = run(List.of(clang.toString(), "-target", "bpf", "-O2", "-I" + include, "-I" + sources,
                "-c", sources.resolve("needs_arch.bpf.c").toString(), "-o", work.resolve("x.o").toString()));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("define __TARGET_ARCH_x86 or __TARGET_ARCH_arm64"), r.output());
    }

    /** {@return for each store of a value loaded from ctx: out[] index -> ctx byte offset} */
    private static Map<Integer, Integer> ctxSlotsStored(String asm) {
        Map<String, Integer> loaded = new HashMap<>();
        Map<Integer, Integer> result = new TreeMap<>();
        for (String line : asm.split("\n")) {
            Matcher load = CTX_LOAD.matcher(line);
            if (load.find()) {
                loaded.put(load.group(1), Integer.decode(load.group(2)));
                continue;
            }
            Matcher store = STORE.matcher(line);
            if (store.find() && loaded.containsKey(store.group(2))) {
                result.putIfAbsent(Integer.decode(store.group(1)) / 8, loaded.get(store.group(2)));
            }
        }
        return result;
    }

    private String compileAndDisassemble(String source, List<String> extra) throws Exception {
        return TestTools.compileAndDisassemble(include, sources, work, source, extra, "-d");
    }

    private Path dumpVmlinuxHeader() throws Exception {
        Path btf = Path.of("/sys/kernel/btf/vmlinux");
        assumeTrue(Files.isReadable(btf), "no kernel BTF at " + btf);
        Path bpftool = tool("bpftool");
        Path dir = work.resolve("vmlinux");
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(bpftool.toString(), "btf", "dump", "file", btf.toString(), "format", "c")
                .redirectOutput(dir.resolve("vmlinux.h").toFile()).redirectErrorStream(false);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return dir;
    }

    private static Path tool(String name) {
        return TestTools.tool(name, "clang-19, llvm-19, bpftool");
    }

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        return TestTools.run(command);
    }
}
