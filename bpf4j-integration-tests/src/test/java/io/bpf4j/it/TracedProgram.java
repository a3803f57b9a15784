package io.bpf4j.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The user-space program the uprobe and USDT tests trace: src/test/c/usdt_target.c with
 * usdt_guarded.c, linked against libusdt_lib.so (usdt_lib.c), built once per JVM with gcc into
 * /tmp/bpf4j-usdt, the path the test objects' auto-attached sections name (inside a VM, whose
 * view of the host's files is read-only, the host's build is used). Needs
 * {@code <sys/sdt.h>} (Debian package systemtap-sdt-dev, in scripts/setup.sh).
 */
final class TracedProgram {
    static final Path DIR = Path.of("/tmp/bpf4j-usdt");
    static final Path TARGET = DIR.resolve("usdt_target");
    static final Path LIBRARY = DIR.resolve("libusdt_lib.so");
    private static final Path SOURCES = Path.of("src/test/c");
    private static boolean built;

    private TracedProgram() {
    }

    /** Builds the program and its library unless done already; skips without gcc or sdt.h. */
    static synchronized void build() throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the traced program's probes are read for x86-64 only");
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/x86_64-linux-gnu/sys/sdt.h")),
                "no <sys/sdt.h>: install systemtap-sdt-dev (scripts/setup.sh)");
        if (built) {
            return;
        }
        if (!Files.isWritable(DIR.getParent()) && Files.isExecutable(TARGET) && Files.isRegularFile(LIBRARY)) {
            // A bpf-testkit VM sees the host's file system read-only: the host built them already.
            built = true;
            return;
        }
        Files.createDirectories(DIR);
        // -O2 and the "m" constraint make gcc write the library's operand as base + index * scale.
        Fixtures.run(true, "gcc", "-O2", "-shared", "-fPIC", "-DSTAP_SDT_ARG_CONSTRAINT=m", "-o", LIBRARY.toString(),
                SOURCES.resolve("usdt_lib.c").toString());
        Fixtures.run(true, "gcc", "-O2", "-o", TARGET.toString(), SOURCES.resolve("usdt_target.c").toString(),
                SOURCES.resolve("usdt_guarded.c").toString(), "-L" + DIR, "-lusdt_lib", "-Wl,-rpath," + DIR);
        built = true;
    }

    /** Runs the program for {@code rounds} rounds; {@return its lines ("semaphore=N" per round)} */
    static List<String> run(int rounds) throws IOException, InterruptedException {
        return Fixtures.run(true, TARGET.toString(), Integer.toString(rounds)).lines().toList();
    }
}
