package io.bpf4j.core;

import static io.bpf4j.btf.CoreRelocationKind.FIELD_BYTE_OFFSET;
import static io.bpf4j.btf.CoreRelocationKind.TYPE_SIZE;
import static io.bpf4j.core.TestObjects.result;
import static io.bpf4j.core.TestObjects.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bpf4j.btf.Btf;
import io.bpf4j.elf.object.ObjectSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second oracle: clang compiles a host C program that prints offsetof/sizeof of the kernel
 * types from vmlinux.h (x86_64 lays them out as the kernel does), and the relocated values must
 * equal what it prints.
 */
class HostCompilerOracleTest {
    private static final String CLANG = "clang-19";

    @TempDir
    static Path dir;

    private static Map<String, Long> printed;
    private static ObjectSpec object;
    private static CoreRelocator relocator;

    @BeforeAll
    static void compileAndRun() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "no kernel BTF at " + Btf.KERNEL_BTF);
        assumeTrue("amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch")),
                "the host layout equals the BPF layout on x86_64 only");
        Path header = vmlinuxHeader();
        Path source = dir.resolve("offsets.c");
        Files.writeString(source, String.join("\n",
                "#include \"vmlinux.h\"",
                "int printf(const char *, ...);",
                "#define OFF(t, f) printf(#t \".\" #f \"=%lu\\n\", (unsigned long)&((struct t *)0)->f)",
                "int main(void) {",
                "  OFF(task_struct, pid); OFF(task_struct, tgid); OFF(task_struct, real_parent);",
                "  OFF(task_struct, comm[3]); OFF(task_struct, flags); OFF(sk_buff, dev); OFF(sk_buff, len);",
                "  printf(\"sizeof.task_struct=%lu\\n\", (unsigned long)sizeof(struct task_struct));",
                "  return 0;",
                "}", ""));
        Path exe = dir.resolve("offsets");
        run(CLANG, "-w", "-O0", "-I", header.getParent().toString(), "-o", exe.toString(), source.toString());
        printed = new HashMap<>();
        for (String line : run(exe.toString()).split("\n")) {
            String[] kv = line.split("=");
            printed.put(kv[0], Long.parseLong(kv[1].trim()));
        }
        object = TestObjects.object("core_reloc");
        relocator = CoreRelocator.against(Btf.kernel());
    }

    /** The vmlinux.h the plugin generated for this build, else one dumped now by bpftool. */
    private static Path vmlinuxHeader() throws IOException, InterruptedException {
        Path generated = Path.of("target", "bpf4j", "vmlinux.h");
        if (Files.isReadable(generated)) {
            return generated;
        }
        Path dumped = dir.resolve("vmlinux.h");
        Files.writeString(dumped, run("bpftool", "btf", "dump", "file", Btf.KERNEL_BTF.toString(), "format", "c"));
        return dumped;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, command[0] + " is not installed: " + e.getMessage());
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS), command[0] + " timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    @Test
    void loadsMatchTheHostCompilersOffsets() {
        CoreRelocation r = relocator.relocate(TestObjects.program(object, "field_loads"), TestObjects.btf(object));
        assertEquals(printed.get("task_struct.pid"), result(r, FIELD_BYTE_OFFSET, "struct task_struct.pid").value());
        assertEquals(printed.get("task_struct.tgid"), results(r, FIELD_BYTE_OFFSET, "struct task_struct.tgid").get(0).value());
        assertEquals(printed.get("task_struct.real_parent"),
                results(r, FIELD_BYTE_OFFSET, "struct task_struct.real_parent").get(0).value());
        assertEquals(printed.get("task_struct.comm[3]"), result(r, FIELD_BYTE_OFFSET, "struct task_struct.comm[3]").value());
    }

    @Test
    void fieldInfosMatchTheHostCompilersOffsets() {
        CoreRelocation r = relocator.relocate(TestObjects.program(object, "field_infos"), TestObjects.btf(object));
        assertEquals(printed.get("sk_buff.dev"), result(r, FIELD_BYTE_OFFSET, "struct sk_buff.dev").value());
        assertEquals(printed.get("sk_buff.len"), result(r, FIELD_BYTE_OFFSET, "struct sk_buff.len").value());
        CoreRelocation narrow = relocator.relocate(TestObjects.program(object, "flavors"), TestObjects.btf(object));
        assertEquals(printed.get("task_struct.flags"),
                result(narrow, FIELD_BYTE_OFFSET, "struct task_struct___narrow.flags").value());
        CoreRelocation types = relocator.relocate(TestObjects.program(object, "types_and_enums"), TestObjects.btf(object));
        assertEquals(printed.get("sizeof.task_struct"), result(types, TYPE_SIZE, "struct task_struct").value());
    }
}
