package io.bpf4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles programs using bpf/bpf_core_read.h (and the PT_REGS_*_CORE accessors of
 * bpf/bpf_tracing.h) with clang-19 and checks, in llvm-objdump-19 -dr's listing, the CO-RE
 * relocation records clang emitted: their kinds, the access each names, the value clang put in
 * the relocated instruction, and the probe-read helpers the reads call.
 */
class CoreReadCompileTest {

    /** "  0000000000000020:  CO-RE <byte_off> [2] struct task::pid (0:0)". */
    private static final Pattern CO_RE = Pattern.compile("CO-RE <(\\w+)> \\[\\d+\\] (.+)$");
    private static final Pattern FUNCTION = Pattern.compile("^[0-9a-f]+ <(\\w+)>:$");
    private static final Pattern IMMEDIATE = Pattern.compile("= (0x[0-9a-f]+|\\d+)( ll)?$");
    /** A load or store's offset, which a field-offset relocation of a direct access patches. */
    private static final Pattern MEMORY_OFFSET = Pattern.compile("\\(r\\d+ \\+ (0x[0-9a-f]+)\\)");
    private static final Pattern CALL = Pattern.compile("\\bcall (0x[0-9a-f]+)\\b");

    @TempDir
    Path work;
    Path include;
    Path sources;

    /** One CO-RE record as the listing shows it, with the instruction it relocates. */
    private record Relo(String function, String kind, String access, String instruction) {
        /** {@return the immediate (or memory offset) clang computed against the program's own types} */
        long localValue() {
            Matcher m = IMMEDIATE.matcher(instruction.strip());
            if (m.find()) {
                return Long.decode(m.group(1));
            }
            Matcher mem = MEMORY_OFFSET.matcher(instruction);
            assertTrue(mem.find(), "no immediate or memory offset in " + instruction);
            return Long.decode(mem.group(1));
        }

        String key() {
            return kind + " " + access;
        }
    }

    @BeforeEach
    void extract() throws IOException {
        include = BpfHeaders.extractTo(work.resolve("include"));
        sources = work.resolve("src");
        Files.createDirectories(sources);
        for (String name : List.of("minimal_types.h", "core_read.bpf.c", "core_tracing_arm64.bpf.c")) {
            try (InputStream in = CoreReadCompileTest.class.getResourceAsStream("/compile/" + name)) {
                Files.copy(in, sources.resolve(name));
            }
        }
    }

    @Test
    void coreReadChainsRelocateEveryHopAndCallTheRightProbeRead() throws Exception {
        String listing = compileAndDisassemble("core_read.bpf.c", List.of());
        List<Relo> chains = relocations(listing).stream().filter(r -> r.function().equals("chains")).toList();
        Set<String> keys = chains.stream().map(Relo::key).collect(Collectors.toCollection(TreeSet::new));
        for (String expected : List.of(
                "byte_off struct task::pid (0:0)",                        // BPF_CORE_READ(t, pid)
                "byte_off struct task::mm (0:4)",                         // first hop of the long chain
                "byte_off struct mm::exe_file (0:1)",
                "byte_off struct file::f_path.dentry (0:1:1)",            // a hop naming a nested member
                "byte_off struct dentry::d_inode (0:1)",
                "byte_off struct inode::i_ino (0:0)",                     // the last read
                "byte_off struct mm::start (0:0)",                        // BPF_CORE_READ_INTO / _USER / BPF_PROBE_READ
                "byte_off struct task::comm (0:5)")) {                    // BPF_CORE_READ_STR_INTO, bpf_core_read_str
            assertTrue(keys.contains(expected), expected + " in " + keys);
        }
        // bpf_core_read(&out[7], 8, &t->b): b is in an anonymous union, member 6 of struct task.
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("byte_off struct task::") && k.endsWith(".b (0:6:1)")), keys.toString());
        // struct task: int pid @0, bitfields @4, mm @8, comm @16, union @32.
        Map<String, Long> values = new LinkedHashMap<>();
        chains.forEach(r -> values.putIfAbsent(r.key(), r.localValue()));
        assertEquals(8L, values.get("byte_off struct task::mm (0:4)"));
        assertEquals(16L, values.get("byte_off struct task::comm (0:5)"));
        assertEquals(16L, values.get("byte_off struct file::f_path.dentry (0:1:1)")); // f_path @8, its dentry @8 within
        Set<Integer> calls = calls(listing, "chains");
        // enum bpf_func_id: probe_read_user 112, probe_read_kernel 113, probe_read_user_str 114, probe_read_kernel_str 115.
        assertEquals(Set.of(112, 113, 114, 115), calls);
    }

    @Test
    void queriesRecordOneRelocationOfTheirKindWithClangsLocalValue() throws Exception {
        List<Relo> queries = relocations(compileAndDisassemble("core_read.bpf.c", List.of())).stream()
                .filter(r -> r.function().equals("queries")).toList();
        Map<String, Long> first = new LinkedHashMap<>();
        queries.forEach(r -> first.putIfAbsent(r.key(), r.localValue()));
        assertEquals(1L, first.get("field_exists struct task::pid (0:0)"));
        assertEquals(1L, first.get("field_exists struct task::mm (0:4)"));           // (type, field) form
        assertEquals(16L, first.get("byte_sz struct task::comm (0:5)"));
        assertEquals(16L, first.get("byte_off struct task::comm (0:5)"));            // (type, field) form
        assertEquals(1L, first.get("type_exists struct file"));
        assertEquals(1L, first.get("type_matches struct path"));
        assertEquals(40L, first.get("type_size typedef task_t"));                    // pid 4, bitfields 4, mm 8, comm 16, union 8
        assertTrue(first.containsKey("local_type_id struct dentry"), first.toString());
        assertTrue(first.containsKey("target_type_id struct inode"), first.toString());
        assertEquals(1L, first.get("enumval_exists enum mode::MODE_B = 7"));
        assertEquals(7L, first.get("enumval_value enum mode::MODE_B = 7"));
        // The bitfields: PROBED reads 'state', the direct load 'prio'; each needs offset, size, both shifts, signedness.
        for (String field : List.of("struct task::state (0:2)", "struct task::prio (0:3)")) {
            for (String kind : List.of("byte_off", "byte_sz", "lshift_u64", "rshift_u64", "signed")) {
                assertTrue(first.containsKey(kind + " " + field), kind + " " + field + " in " + first.keySet());
            }
        }
        // unsigned int flags : 3, state : 5 follow pid: clang loads the 8 bytes at 0, where state is
        // bits 35..39 -> << (64 - 40), >> (64 - 5).
        assertEquals(0L, first.get("byte_off struct task::state (0:2)"));
        assertEquals(8L, first.get("byte_sz struct task::state (0:2)"));
        assertEquals(24L, first.get("lshift_u64 struct task::state (0:2)"));
        assertEquals(59L, first.get("rshift_u64 struct task::state (0:2)"));
        assertEquals(0L, first.get("signed struct task::state (0:2)"));
        assertEquals(1L, first.get("signed struct task::prio (0:3)"));
    }

    @Test
    void ptRegsCoreAccessorsAreRelocatedReadsOfTheArm64Registers() throws Exception {
        List<Relo> relos = relocations(compileAndDisassemble("core_tracing_arm64.bpf.c", List.of("-D__TARGET_ARCH_arm64")));
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (Relo r : relos) {
            assertEquals("byte_off", r.kind(), r.toString());
            offsets.putIfAbsent(r.access().replaceAll(" \\(.*\\)$", ""), r.localValue());
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            expected.put("struct user_pt_regs::regs[" + i + "]", i * 8L); // PARM1..PARM8: x0..x7
        }
        expected.put("struct user_pt_regs::pc", 32 * 8L);                // IP
        expected.put("struct user_pt_regs::sp", 31 * 8L);                // SP
        expected.put("struct user_pt_regs::regs[30]", 30 * 8L);          // RET: the link register
        expected.put("struct user_pt_regs::regs[29]", 29 * 8L);          // FP
        assertEquals(expected, offsets);                                   // RC is regs[0], already PARM1's
        assertEquals(Set.of(113), calls(compileAndDisassemble("core_tracing_arm64.bpf.c", List.of("-D__TARGET_ARCH_arm64")),
                "regs_core"));
    }

    @Test
    void aReadOfAConstMemberReturnsWhatTheProbeReadFilled() throws Exception {
        String listing = compileAndDisassemble("core_read.bpf.c", List.of());
        String body = functionBody(listing, "const_members");
        // A const-qualified result variable would be folded to its initialiser (0) and never
        // loaded back from the stack after bpf_probe_read_kernel (helper 113) filled it.
        assertEquals(Set.of(113), calls(listing, "const_members"));
        assertTrue(Pattern.compile("= \\*\\(u64 \\*\\)\\(r10 - ").matcher(body).find(),
                "the result is read back from the stack:\n" + body);
    }

    private static List<Relo> relocations(String listing) {
        List<Relo> result = new ArrayList<>();
        String function = "";
        String previous = "";
        for (String line : listing.split("\n")) {
            Matcher f = FUNCTION.matcher(line.strip());
            if (f.matches()) {
                function = f.group(1);
                continue;
            }
            Matcher c = CO_RE.matcher(line);
            if (c.find()) {
                result.add(new Relo(function, c.group(1), c.group(2).strip(), previous));
            } else if (!line.isBlank()) {
                previous = line;
            }
        }
        assertTrue(!result.isEmpty(), "no CO-RE record in the listing:\n" + listing);
        return result;
    }

    private static String functionBody(String listing, String function) {
        int start = listing.indexOf("<" + function + ">:");
        assertTrue(start >= 0, function + " in listing");
        int end = listing.indexOf(">:\n", start + function.length() + 3);
        return end < 0 ? listing.substring(start) : listing.substring(start, end);
    }

    private static Set<Integer> calls(String listing, String function) {
        String body = functionBody(listing, function);
        Set<Integer> calls = new TreeSet<>();
        Matcher m = CALL.matcher(body);
        while (m.find()) {
            calls.add(Integer.decode(m.group(1)));
        }
        return calls;
    }

    private String compileAndDisassemble(String source, List<String> extra) throws Exception {
        return TestTools.compileAndDisassemble(include, sources, work, source, extra, "-dr");
    }

    private static Path tool(String name) {
        return TestTools.tool(name, "clang-19, llvm-19");
    }

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        return TestTools.run(command);
    }
}
