package io.bpf4j.loader.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Addresses of kernel symbols from {@code /proc/kallsyms} ("address type name [module]"), for
 * untyped {@code __ksym} externs, read as libbpf reads it ({@code libbpf_kallsyms_parse},
 * {@code kallsyms_cb}): any symbol type; a compiler suffix {@code .llvm.<hash>} is dropped from
 * the name; one name at two different addresses is ambiguous. The kernel shows zeros instead of
 * addresses to readers without {@code CAP_SYSLOG} or under {@code kptr_restrict=2}; that is
 * reported, not taken as address 0.
 */
public final class KallsymsAddresses {
    /** {@code /proc/kallsyms}. */
    public static final Path KALLSYMS = Path.of("/proc/kallsyms");

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
        boolean anyAddress = false;
        boolean anyMatch = false;
        try (BufferedReader r = Files.newBufferedReader(KALLSYMS, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                int s1 = line.indexOf(' ');
                int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
                if (s2 < 0) {
                    continue;
                }
                int end = line.indexOf('\t', s2 + 1);
                String name = line.substring(s2 + 1, end < 0 ? line.length() : end);
                int llvm = name.indexOf(".llvm.");
                if (llvm > 0) {
                    name = name.substring(0, llvm);
                }
                long address = Long.parseUnsignedLong(line.substring(0, s1), 16);
                anyAddress |= address != 0;
                if (!names.contains(name)) {
                    continue;
                }
                anyMatch = true;
                Lookup before = found.get(name);
                if (before == null) {
                    found.put(name, new Lookup.Found(address));
                } else if (before instanceof Lookup.Found f && f.address() != address) {
                    found.put(name, new Lookup.Ambiguous(f.address(), address));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KALLSYMS, e);
        } catch (NumberFormatException e) {
            throw new UncheckedIOException(new IOException(KALLSYMS + " has a line that is not 'address type name'", e));
        }
        if (anyMatch && !anyAddress) {
            throw new UncheckedIOException(new IOException(KALLSYMS + " shows every address as 0 to this process"
                    + " (needs CAP_SYSLOG, and kernel.kptr_restrict < 2)"));
        }
        return found;
    }
}
