package io.bpf4j.testkit.internal;

import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.CreationSites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The BPF resources this process holds at one moment: descriptors of maps,
 * programs, links, BTF and perf events ({@code /proc/self/fd} and
 * {@code fdinfo}), mappings of BPF maps ({@code /proc/self/maps}) and pins
 * under {@code /sys/fs/bpf}. Two snapshots' difference is what a test left
 * behind, each described by kind, kernel id and name.
 */
final class BpfResourceSnapshot {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path BPFFS = Path.of("/sys/fs/bpf");

    /** Key (identity that survives fd reuse) to description. */
    private final Map<String, String> resources;

    private BpfResourceSnapshot(Map<String, String> resources) {
        this.resources = resources;
    }

    static BpfResourceSnapshot take() {
        Map<String, String> r = new LinkedHashMap<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue;   // closed meanwhile (the listing's own descriptor)
                }
                if (target.startsWith("anon_inode:bpf") || target.equals("anon_inode:btf")
                        || target.equals("anon_inode:[perf_event]")) {
                    String info = fdinfo(fd.getFileName().toString());
                    int number = Integer.parseInt(fd.getFileName().toString());
                    r.put("fd " + fd.getFileName() + " " + target + " " + info,
                            "descriptor " + fd.getFileName() + " (" + target.substring(11) + ")"
                                    + describe(number, target, info) + createdAt(number));
                }
            }
        } catch (IOException e) {
            // no procfs: nothing to compare
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("anon_inode:bpf")) {
                    String range = line.split(" ", 2)[0];
                    r.put("map " + line, "mapping " + range + " of a BPF map (" + line.substring(line.indexOf("anon_inode"))
                            + ")");
                }
            }
        } catch (IOException e) {
            // no procfs
        }
        if (Files.isDirectory(BPFFS)) {
            try (Stream<Path> pins = Files.walk(BPFFS, 4)) {
                pins.filter(p -> !p.equals(BPFFS)).filter(Files::isRegularFile)
                        .forEach(p -> r.put("pin " + p, "pin " + p));
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable bpffs
            }
        }
        return new BpfResourceSnapshot(r);
    }

    /** {@return descriptions of what {@code later} holds that this snapshot did not} */
    List<String> leakedIn(BpfResourceSnapshot later) {
        List<String> leaks = new ArrayList<>();
        later.resources.forEach((k, v) -> {
            if (!resources.containsKey(k)) {
                leaks.add(v);
            }
        });
        return leaks;
    }

    private static String fdinfo(String fd) {
        try {
            StringBuilder b = new StringBuilder();
            for (String line : Files.readAllLines(FDS.resolveSibling("fdinfo").resolve(fd))) {
                if (line.startsWith("prog_id") || line.startsWith("map_id") || line.startsWith("link_id")
                        || line.startsWith("btf_id")) {
                    b.append(line.replace("\t", "").replace(" ", "")).append(' ');
                }
            }
            return b.toString().trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The first frame of the stack that created the descriptor which is not bpf4j's or the
     * JDK's: the test or application line that opened, loaded or attached it.
     */
    private static String createdAt(int fd) {
        return CreationSites.of(fd).map(stack -> {
            for (StackTraceElement frame : stack) {
                if (!isLibraryFrame(frame.getClassName())) {
                    return ", created at " + frame;
                }
            }
            return stack.length > 0 ? ", created at " + stack[stack.length - 1] : "";
        }).orElse("");
    }

    private static final java.util.regex.Pattern LIBRARY = java.util.regex.Pattern.compile(
            "(java|javax|jdk|sun|com\\.sun)\\..*|io\\.bpf4j\\.(syscall|loader|attach|btf|elf|core)(\\..*)?"
                    + "|io\\.bpf4j\\.testkit(\\.internal)?");

    /** A frame of the JDK or of bpf4j itself (not of a test or application using it). */
    private static boolean isLibraryFrame(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && LIBRARY.matcher(className.substring(0, dot)).matches();
    }

    /** Names the program or map, which tells which object (and so which code) created it. */
    private static String describe(int fd, String target, String info) {
        try {
            if (target.equals("anon_inode:bpf-prog")) {
                var p = Bpf.system().progInfo(fd);
                return ": program '" + p.name() + "' " + info;
            }
            if (target.equals("anon_inode:bpf-map")) {
                var m = Bpf.system().mapInfo(fd);
                return ": map '" + m.name() + "' " + info;
            }
        } catch (RuntimeException e) {
            // describe with what fdinfo says
        }
        return info.isEmpty() ? "" : ": " + info;
    }
}
