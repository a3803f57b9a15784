package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential test of our vmlinux.h: the running kernel's BTF dumped by {@link CDumper}
 * must compile with clang-19 and give every struct, union, enum and typedef the size and member
 * offsets its BTF records; bpftool's header must pass the same assertions, and both headers must
 * define the same named structs, unions and enums.
 */
class CDumperKernelTest {
    private static final System.Logger LOG = System.getLogger(CDumperKernelTest.class.getName());
    private static final Path OUT = Path.of("target/cdumper");
    private static final Pattern DEFINITION = Pattern.compile("^(struct|union|enum) (\\w+) \\{", Pattern.MULTILINE);

    private static Btf btf;
    private static Path ours;
    private static Path assertions;
    private static LayoutAssertions generated;

    @BeforeAll
    static void dump() throws Exception {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "this kernel exposes no BTF at " + Btf.KERNEL_BTF);
        btf = Btf.kernel();
        Files.createDirectories(OUT);
        ours = OUT.resolve("vmlinux.h");
        Files.writeString(ours, CDumper.header(btf));
        generated = new LayoutAssertions(btf);
        assertions = OUT.resolve("layout-asserts.c");
        Files.writeString(assertions, generated.source);
        LOG.log(System.Logger.Level.INFO, "vmlinux layout assertions: " + generated);
    }

    /** Compiles the assertions against a header; returns clang's diagnostics (empty when clean). */
    private static String compileAgainst(Path header) throws Exception {
        String clang = System.getProperty("bpf4j.clang", "clang-19");
        Path log = Files.createTempFile(OUT, "clang", ".log");
        Process p = new ProcessBuilder(clang, "-target", "bpf", "-fsyntax-only", "-ferror-limit=0",
                "-include", header.toAbsolutePath().toString(), assertions.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("clang timed out on " + header);
        }
        String out = Files.readString(log);
        Files.delete(log);
        return p.exitValue() == 0 && !out.contains("warning:") ? "" : out;
    }

    private static List<String> errors(String diagnostics) {
        return diagnostics.lines().filter(l -> l.contains(" error: ") || l.contains(" warning: ")).collect(Collectors.toList());
    }

    @Test
    void ourHeaderCompilesWithEveryKernelLayout() throws Exception {
        assertTrue(generated.sizeAsserts > 5000, generated.toString());
        assertTrue(generated.offsetAsserts > 50000, generated.toString());
        String diagnostics = compileAgainst(ours);
        assertEquals(List.of(), errors(diagnostics), diagnostics.length() > 20000 ? diagnostics.substring(0, 20000) : diagnostics);
    }

    /**
     * bpftool's header must declare everything the assertions name (no error other than a failed
     * assertion). Its layouts are not all right: bpftool 7.1 (libbpf 1.1) pads some structs wrongly
     * and sizes va_list by the BPF target; those mismatches are counted and logged, not failed.
     */
    @Test
    void bpftoolHeaderDeclaresTheSameTypes() throws Exception {
        Path theirs = bpftoolHeader();
        List<String> errors = errors(compileAgainst(theirs));
        List<String> notLayout = errors.stream().filter(l -> !l.contains("static assertion failed")).collect(Collectors.toList());
        assertEquals(List.of(), notLayout, "bpftool's header lacks types the BTF has");
        LOG.log(System.Logger.Level.INFO, "bpftool's vmlinux.h fails " + errors.size() + " of "
                + (generated.sizeAsserts + generated.offsetAsserts + generated.typedefAsserts)
                + " layout assertions that CDumper's passes");
    }

    @Test
    void bothHeadersDefineTheSameNamedTypes() throws Exception {
        Set<String> mine = definitions(Files.readString(ours));
        Set<String> theirs = definitions(Files.readString(bpftoolHeader()));
        Set<String> onlyMine = new TreeSet<>(mine);
        onlyMine.removeAll(theirs);
        Set<String> onlyTheirs = new TreeSet<>(theirs);
        onlyTheirs.removeAll(mine);
        assertEquals(Set.of(), onlyMine, "defined only by CDumper");
        assertEquals(Set.of(), onlyTheirs, "defined only by bpftool");
        LOG.log(System.Logger.Level.INFO, "both headers define the same " + mine.size() + " structs/unions/enums");
    }

    @Test
    void headerIsWrappedAsBpftoolWrapsIt() throws Exception {
        String text = Files.readString(ours);
        assertTrue(text.startsWith("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n"), text.substring(0, 60));
        assertTrue(text.contains("#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)"));
        assertTrue(text.endsWith("#pragma clang attribute pop\n#endif\n\n#endif /* __VMLINUX_H__ */\n"));
    }

    private static Set<String> definitions(String header) {
        Set<String> names = new TreeSet<>();
        Matcher m = DEFINITION.matcher(header);
        while (m.find()) {
            names.add(m.group(1) + " " + m.group(2));
        }
        return names;
    }

    private static Path bpftoolHeader() throws Exception {
        assumeTrue(TestObjects.onPath("bpftool"), "bpftool is not installed: nothing to compare with");
        Path theirs = OUT.resolve("bpftool-vmlinux.h");
        Files.writeString(theirs, TestObjects.run(List.of("bpftool", "btf", "dump", "file", Btf.KERNEL_BTF.toString(), "format", "c")));
        return theirs;
    }
}
