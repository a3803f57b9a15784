package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.syscall.Kallsyms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kernel's function names, for kprobes: {@code /proc/kallsyms} (every text symbol) and
 * tracefs's {@code available_filter_functions} (the ones ftrace can trace). Attach-time only.
 */
final class KernelSymbols {

    static final Path KALLSYMS = Kallsyms.PATH;

    private KernelSymbols() {
    }

    /** {@return the text symbols of /proc/kallsyms (type t or T), module suffixes dropped} */
    static Set<String> textSymbols() {
        Set<String> names = new LinkedHashSet<>();
        try {
            Kallsyms.forEach(symbol -> {
                if (symbol.isText()) {
                    names.add(symbol.name());
                }
            });
        } catch (UncheckedIOException e) {
            throw new AttachException("cannot read " + KALLSYMS, e.getCause());
        }
        return names;
    }

    /** {@return the traceable functions (available_filter_functions), or null if tracefs refuses to list them} */
    static Set<String> traceableFunctions() {
        Path file;
        try {
            file = Tracefs.root().resolve("available_filter_functions");
        } catch (AttachException e) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        try (var lines = Files.lines(file)) {
            lines.forEach(line -> {
                int space = line.indexOf(' ');
                names.add(space < 0 ? line.strip() : line.substring(0, space));
            });
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return names;
    }

    /**
     * Checks that {@code function} can be probed, else throws an error that says why and names the
     * compiler-renamed copies ({@code .isra.N}, {@code .constprop.N}, {@code .part.N}) that exist.
     */
    static void checkProbeable(String function, String description) {
        Set<String> text = textSymbols();
        if (!text.contains(function)) {
            List<String> renamed = renamedCopies(text, function);
            throw new AttachException("cannot attach " + description + ": the kernel has no function " + function
                    + (renamed.isEmpty() ? " (it may be inlined, static and optimised away, or not in this kernel)"
                    : "; the compiler renamed it: probe " + String.join(" or ", renamed) + " instead"));
        }
        Set<String> traceable = traceableFunctions();
        if (traceable != null && !traceable.isEmpty() && !traceable.contains(function)) {
            throw new AttachException("cannot attach " + description + ": function " + function
                    + " is not traceable (notrace, or not in available_filter_functions)");
        }
    }

    static List<String> renamedCopies(Set<String> text, String function) {
        List<String> copies = new ArrayList<>();
        for (String name : text) {
            if (name.startsWith(function + ".")) {
                copies.add(name);
            }
        }
        return copies;
    }

    /** {@return the traceable functions matching a glob with {@code *} and {@code ?}} */
    static List<String> matching(String glob, String description) {
        Set<String> candidates = traceableFunctions();
        if (candidates == null || candidates.isEmpty()) {
            candidates = textSymbols();
        }
        Pattern pattern = globPattern(glob);
        List<String> matches = new ArrayList<>();
        for (String name : candidates) {
            if (pattern.matcher(name).matches() && !name.startsWith("__pfx_")) {
                matches.add(name);
            }
        }
        if (matches.isEmpty()) {
            throw new AttachException("cannot attach " + description + ": no traceable kernel function matches '"
                    + glob + "'");
        }
        return matches;
    }

    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * {@return the kernel function implementing system call {@code name}: the architecture's
     * wrapper ({@code __x64_sys_<name>}, {@code __arm64_sys_<name>}, Linux 4.17) when the kernel
     * has it, else {@code sys_<name>}}
     */
    static String syscallFunction(String name) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String prefix = switch (arch) {
            case "amd64", "x86_64" -> "__x64_sys_";
            case "aarch64", "arm64" -> "__arm64_sys_";
            default -> throw new UnsupportedOperationException("ksyscall: bpf4j knows the system call wrapper"
                    + " prefixes of x86_64 and aarch64 only, not os.arch=" + arch);
        };
        Set<String> text = textSymbols();
        if (text.contains(prefix + name)) {
            return prefix + name;
        }
        return "sys_" + name;
    }
}
