package io.bpf4j.headers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * The BPF-side C headers shipped in this jar, and their extraction to a directory for
 * {@code clang -I}.
 *
 * <pre>{@code
 * Path include = BpfHeaders.extractTo(Path.of("target/bpf4j/include"));
 * // clang-19 -target bpf -g -O2 -I<include> -c prog.bpf.c -o prog.bpf.o
 * }</pre>
 *
 * <p>The header names are libbpf's, relative to the include directory:
 * {@code bpf/bpf_helpers.h}, {@code bpf/bpf_helper_defs.h}, {@code bpf/bpf_tracing.h},
 * {@code bpf/bpf_core_read.h}, {@code bpf/bpf_endian.h}, {@code bpf/usdt.bpf.h}.
 */
public final class BpfHeaders {

    /** The class-path directory holding the headers; not a package, so JPMS leaves it readable. */
    static final String RESOURCE_ROOT = "bpf4j-include/";
    /** Written at build time: one header path per line, relative to {@link #RESOURCE_ROOT}. */
    static final String INDEX = RESOURCE_ROOT + "headers.index";

    private static volatile List<String> names;

    private BpfHeaders() {
    }

    /**
     * {@return the relative paths of every shipped header, sorted, e.g. {@code bpf/bpf_helpers.h}}
     *
     * @throws IllegalStateException when the jar lacks its header index (a broken build)
     */
    public static List<String> names() {
        List<String> result = names;
        if (result == null) {
            String index = new String(read(INDEX), StandardCharsets.UTF_8);
            result = Arrays.stream(index.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (result.isEmpty()) {
                throw new IllegalStateException(INDEX + " lists no header: bpf-helpers-headers was built incompletely");
            }
            names = result;
        }
        return result;
    }

    /**
     * Writes every shipped header below {@code dir}, creating directories as needed. A header whose
     * file already holds the same bytes is left untouched (its modification time too), so build
     * tools comparing timestamps do not see a change.
     *
     * @param dir the include directory to fill; created if absent
     * @return {@code dir}, to pass to the compiler as {@code -I}
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Path extractTo(Path dir) {
        try {
            for (String name : names()) {
                byte[] content = read(RESOURCE_ROOT + name);
                Path target = dir.resolve(name).normalize();
                if (!target.startsWith(dir.normalize())) {
                    throw new IllegalStateException("header index entry escapes the include directory: " + name);
                }
                Files.createDirectories(target.getParent());
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                    continue;
                }
                Path temp = Files.createTempFile(target.getParent(), ".bpf4j-", ".tmp");
                try {
                    Files.write(temp, content);
                    makeWorldReadable(temp);
                    // Parallel builds may extract into the same directory: publish whole files only.
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the BPF headers into " + dir, e);
        }
    }

    // Temporary files are created owner-only; a header is no secret, and a build running as
    // another user (a container, a CI step) may need to read the extracted directory.
    private static void makeWorldReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static byte[] read(String resource) {
        // Class.getResourceAsStream looks in this module first (named or not), so another jar
        // with the same directory cannot shadow the headers.
        try (InputStream in = BpfHeaders.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from bpf-helpers-headers");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
