package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the binary a uprobe names the way libbpf does ({@code resolve_full_path} in
 * libbpf's libbpf.c): a name with a slash is a path; a bare {@code .so} name is searched in
 * {@code LD_LIBRARY_PATH} and the standard library directories; any other bare name in
 * {@code PATH}.
 */
final class BinaryPaths {

    /** The library directories libbpf searches, plus the Debian multiarch ones. */
    static final List<String> LIBRARY_DIRS = List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu");

    private BinaryPaths() {
    }

    /**
     * {@return the absolute path of {@code binary}}
     *
     * @param binary a path or bare name
     * @throws AttachException naming the binary and the directories searched if it is not found
     */
    static Path resolve(Path binary) {
        String text = binary.toString();
        if (text.contains("/")) {
            Path path = binary.toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new AttachException("uprobe binary " + path + " does not exist or is not a regular file");
            }
            return path;
        }
        List<String> dirs = new ArrayList<>();
        if (text.contains(".so")) {
            addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
            dirs.addAll(LIBRARY_DIRS);
        } else {
            addPathList(dirs, System.getenv("PATH"));
        }
        for (String dir : dirs) {
            Path candidate = Path.of(dir, text);
            if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AttachException("uprobe binary " + text + " not found in " + String.join(":", dirs));
    }

    private static void addPathList(List<String> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String dir : list.split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
    }
}
