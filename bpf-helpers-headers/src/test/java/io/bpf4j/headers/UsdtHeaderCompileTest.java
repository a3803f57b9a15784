package io.bpf4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.headers.TestTools.ProcessResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a BPF_USDT program against bpf/usdt.bpf.h and a vmlinux.h dumped from this kernel,
 * then checks what the attach plugin relies on: the two weak maps with libbpf's names, the
 * spec layout (16-byte arguments, 208-byte specs, fields at libbpf's offsets, read back from
 * the object's BTF by bpftool), and the code: a CO-RE query of BPF_FUNC_get_attach_cookie that
 * picks the cookie helper or the instruction-pointer map, and the probe-read helpers.
 */
class UsdtHeaderCompileTest {
    private static final Pattern CALL = Pattern.compile("\\bcall (0x[0-9a-f]+)\\b");

    @TempDir
    Path work;
    Path include;
    Path sources;

    @BeforeEach
    void extract() throws Exception {
        include = BpfHeaders.extractTo(work.resolve("include"));
        sources = work.resolve("src");
        Files.createDirectories(sources);
        try (InputStream in = UsdtHeaderCompileTest.class.getResourceAsStream("/compile/usdt.bpf.c")) {
            Files.copy(in, sources.resolve("usdt.bpf.c"));
        }
    }

    @Test
    void mapsLayoutAndHelpersMatchWhatThePluginWrites() throws Exception {
        Path btf = Path.of("/sys/kernel/btf/vmlinux");
        assumeTrue(Files.isReadable(btf), "no kernel BTF at " + btf);
        Path bpftool = TestTools.tool("bpftool", "bpftool");
        Files.writeString(sources.resolve("vmlinux.h"), TestTools.run(List.of(bpftool.toString(), "btf", "dump",
                "file", btf.toString(), "format", "c")).output());
        String listing = TestTools.compileAndDisassemble(include, sources, work, "usdt.bpf.c",
                List.of("-D__TARGET_ARCH_x86"), "-dr");
        Path object = work.resolve("usdt.bpf.o");

        // The spec lookup is decided at load: a CO-RE enumerator-exists query of the helper.
        assertTrue(listing.contains("CO-RE <enumval_exists> [") && listing.contains(
                "enum bpf_func_id::BPF_FUNC_get_attach_cookie"), listing);
        Set<Integer> calls = new TreeSet<>();
        Matcher m = CALL.matcher(listing);
        while (m.find()) {
            calls.add(Integer.decode(m.group(1)));
        }
        // map_lookup_elem 1, probe_read_user 112, probe_read_kernel 113, get_attach_cookie 174.
        assertEquals(Set.of(1, 112, 113, 174), calls);

        String symbols = TestTools.run(List.of(TestTools.tool("llvm-readelf-19", "llvm-19").toString(), "-s", "-W",
                object.toString())).output();
        for (String map : List.of("__bpf_usdt_specs", "__bpf_usdt_ip_to_spec_id")) {
            assertTrue(symbols.lines().anyMatch(l -> l.contains(" WEAK ") && l.endsWith(" " + map)),
                    map + " is a weak symbol:\n" + symbols);
        }

        ProcessResult types = TestTools.run(List.of(bpftool.toString(), "btf", "dump", "file", object.toString()));
        assertEquals(0, types.exitCode(), types.output());
        String raw = types.output();
        assertTrue(raw.contains("STRUCT '__bpf_usdt_arg_spec' size=16 vlen=8"), raw);
        assertTrue(raw.contains("STRUCT '__bpf_usdt_spec' size=208 vlen=3"), raw);
        String arg = block(raw, "STRUCT '__bpf_usdt_arg_spec'");
        for (String member : List.of("'val_off' type_id=\\d+ bits_offset=0\n",
                "'arg_type' type_id=\\d+ bits_offset=64 bitfield_size=8",
                "'idx_reg_off' type_id=\\d+ bits_offset=72 bitfield_size=12",
                "'scale_bitshift' type_id=\\d+ bits_offset=84 bitfield_size=4",
                "'reg_off' type_id=\\d+ bits_offset=96\n",
                "'arg_signed' type_id=\\d+ bits_offset=112\n",
                "'arg_bitshift' type_id=\\d+ bits_offset=120\n")) {
            assertTrue(Pattern.compile(member).matcher(arg).find(), member + " in\n" + arg);
        }
        String spec = block(raw, "STRUCT '__bpf_usdt_spec'");
        assertTrue(Pattern.compile("'usdt_cookie' type_id=\\d+ bits_offset=1536\n").matcher(spec).find(), spec);
        assertTrue(Pattern.compile("'arg_cnt' type_id=\\d+ bits_offset=1600\n").matcher(spec).find(), spec);
    }

    /** The lines of one type in bpftool's raw dump, up to the next type. */
    private static String block(String dump, String header) {
        int start = dump.indexOf(header);
        assertTrue(start >= 0, header + " in\n" + dump);
        int end = dump.indexOf("\n[", start);
        return (end < 0 ? dump.substring(start) : dump.substring(start, end)) + "\n";
    }
}
