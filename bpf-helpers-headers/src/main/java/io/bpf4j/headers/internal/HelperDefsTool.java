package io.bpf4j.headers.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build-time entry point (run by exec-maven-plugin in {@code process-classes}): generates
 * {@code bpf/bpf_helper_defs.h} from the UAPI {@code linux/bpf.h} and writes the index of every
 * shipped header that {@link io.bpf4j.headers.BpfHeaders} reads at run time.
 *
 * <p>Arguments: {@code <path of linux/bpf.h> <include root>}, where the include root is the
 * class-path directory holding {@code bpf/*.h} ({@code target/classes/bpf4j-include}).
 */
public final class HelperDefsTool {

    /** The index file's name inside the include root: one header path per line, relative to the root. */
    public static final String INDEX_FILE = "headers.index";

    private HelperDefsTool() {
    }

    /**
     * Runs the generation.
     *
     * @param args the UAPI header's path and the include root
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HelperDefsTool <linux/bpf.h> <include root>");
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    /**
     * Generates the helper definitions and the index.
     *
     * @param uapiHeader  the UAPI {@code linux/bpf.h}
     * @param includeRoot the directory that holds {@code bpf/}
     * @return the number of helpers declared
     * @throws IOException when a file cannot be read or written
     */
    public static int generate(Path uapiHeader, Path includeRoot) throws IOException {
        String text;
        try {
            text = Files.readString(uapiHeader, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(uapiHeader.toString(), null,
                    "the UAPI header is missing: install the Debian package linux-libc-dev");
        }
        List<HelperDeclaration> helpers = UapiHelperParser.parse(text, uapiHeader.toString());
        Path defs = includeRoot.resolve("bpf/bpf_helper_defs.h");
        Files.createDirectories(defs.getParent());
        writeIfChanged(defs, HelperDefsWriter.render(helpers, uapiHeader.toString()));
        writeIfChanged(includeRoot.resolve(INDEX_FILE), index(includeRoot));
        return helpers.size();
    }

    /** {@return the sorted relative paths of every .h file under the root, one per line} */
    static String index(Path includeRoot) throws IOException {
        try (Stream<Path> files = Files.walk(includeRoot)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".h"))
                    .map(p -> includeRoot.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // Leaving an identical file untouched keeps its mtime, so the plugin's incremental check
    // does not see every header as new after each build.
    private static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }
}
