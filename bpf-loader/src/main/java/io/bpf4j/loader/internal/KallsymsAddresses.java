package io.bpf4j.loader.internal;

import io.bpf4j.syscall.Kallsyms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Addresses of kernel symbols from {@code /proc/kallsyms} ({@link Kallsyms}), for
 * untyped {@code __ksym} externs, read as libbpf reads it ({@code libbpf_kallsyms_parse},
 * {@code kallsyms_cb}): any symbol type; a compiler suffix {@code .llvm.<hash>} is dropped from
 * the name; one name at two different addresses is ambiguous. The kernel shows zeros instead of
 * addresses to readers without {@code CAP_SYSLOG} or under {@code kptr_restrict=2}; that is
 * reported, not taken as address 0.
 */
public final class KallsymsAddresses {
    /** {@code /proc/kallsyms}. */
    public static final Path KALLSYMS = Kallsyms.PATH;

    /** What was found for one name. */
    public sealed interface Lookup {
        /** @param address the symbol's address */
        record Found(long address) implements Lookup {
        }

        /** @param first one address @param second another */
        record Ambiguous(long first, long second) implements Lookup {
        }
    }

    private KallsymsAddresses() {
    }

    /**
     * @param names the symbols wanted
     * @return those found, by name (a missing name is absent)
     * @throws UncheckedIOException when the file cannot be read, or shows no addresses
     */
    public static Map<String, Lookup> find(Set<String> names) {
        Map<String, Lookup> found = new HashMap<>();
        boolean[] anyAddress = {false};
        Kallsyms.forEach(symbol -> {
            anyAddress[0] |= symbol.address() != 0;
            String name = symbol.name();
            int llvm = name.indexOf(".llvm.");
            if (llvm > 0) {
                name = name.substring(0, llvm);
            }
            if (!names.contains(name)) {
                return;
            }
            Lookup before = found.get(name);
            if (before == null) {
                found.put(name, new Lookup.Found(symbol.address()));
            } else if (before instanceof Lookup.Found f && f.address() != symbol.address()) {
                found.put(name, new Lookup.Ambiguous(f.address(), symbol.address()));
            }
        });
        if (!found.isEmpty() && !anyAddress[0]) {
            throw new UncheckedIOException(new IOException(KALLSYMS + " shows every address as 0 to this process"
                    + " (needs CAP_SYSLOG, and kernel.kptr_restrict < 2)"));
        }
        return found;
    }
}
