package io.bpf4j.maven.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the external tools the build runs (clang) on the {@code PATH}, so a missing
 * tool is reported once, by name, with the Debian package that provides it, instead of as one
 * obscure {@code IOException} per source file.
 */
public final class ExecutableLocator {

    /** The clang the project standardizes on (Debian package clang-19). */
    public static final String DEFAULT_CLANG = "clang-19";

    private final String path;

    /**
     * Creates a locator over a search path.
     *
     * @param path the value of {@code PATH} ({@link File#pathSeparator}-separated directories)
     */
    public ExecutableLocator(String path) {
        this.path = path == null ? "" : path;
    }

    /** {@return a locator over this process's {@code PATH}} */
    public static ExecutableLocator fromEnvironment() {
        return new ExecutableLocator(System.getenv("PATH"));
    }

    /**
     * Looks a command up: a name containing a separator is taken as a path, anything else is
     * searched in the {@code PATH} directories.
     *
     * @param command a name such as {@code clang-19} or a path such as {@code /usr/bin/clang}
     * @return the executable file, if found
     */
    public Optional<Path> find(String command) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0) {
            Path p = Path.of(command);
            return isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds clang. The project default {@value #DEFAULT_CLANG} falls back to a plain {@code clang}
     * (distributions other than Debian often install only that); a name the user chose does not.
     *
     * @param command the configured clang command
     * @return the executable
     * @throws BpfBuildException naming the Debian package when nothing is found
     */
    public Path clang(String command) throws BpfBuildException {
        Optional<Path> found = find(command);
        if (found.isEmpty() && command.equals(DEFAULT_CLANG)) {
            found = find("clang");
        }
        return found.orElseThrow(() -> new BpfBuildException(command + " not found on PATH"
                + (command.equals(DEFAULT_CLANG) ? " (nor clang)" : "")
                + ": install the Debian package clang-19 (apt-get install clang-19),"
                + " or point the plugin's <clang> parameter (property bpf4j.clang) at a clang with the BPF target"));
    }

    private static boolean isExecutable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
