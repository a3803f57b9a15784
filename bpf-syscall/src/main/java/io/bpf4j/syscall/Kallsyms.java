package io.bpf4j.syscall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The kernel's symbol table, {@code /proc/kallsyms}: one line per symbol,
 * {@code address type name}, then a tab and {@code [module]} for a module's symbols.
 *
 * <p>One reader serves the loader (addresses of untyped {@code __ksym} externs) and the attach
 * plugins (kprobe targets and their compiler-renamed copies). Names come as the kernel prints
 * them, suffixes such as {@code .isra.0} or {@code .llvm.<hash>} included. Readers without
 * {@code CAP_SYSLOG}, or under {@code kernel.kptr_restrict=2}, see every address as 0.
 */
public final class Kallsyms {
    /** {@code /proc/kallsyms}. */
    public static final Path PATH = Path.of("/proc/kallsyms");

    /**
     * One symbol.
     *
     * @param address its address (0 when the kernel hides addresses from this process)
     * @param type    nm's type letter: {@code T}/{@code t} text, {@code D}/{@code d} data ...
     * @param name    its name
     * @param module  the module it belongs to, or null for vmlinux
     */
    public record Symbol(long address, char type, String name, String module) {
        /** {@return whether the symbol is code (type {@code t} or {@code T})} */
        public boolean isText() {
            return type == 't' || type == 'T';
        }
    }

    private Kallsyms() {
    }

    /**
     * Hands every symbol to {@code visitor}, in the file's order.
     *
     * @param visitor called once per symbol
     * @throws UncheckedIOException when the file cannot be read or a line is not
     *                              {@code address type name}
     */
    public static void forEach(Consumer<Symbol> visitor) {
        try (BufferedReader r = Files.newBufferedReader(PATH, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                Symbol symbol = parse(line);
                if (symbol != null) {
                    visitor.accept(symbol);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH, e);
        } catch (NumberFormatException e) {
            throw new UncheckedIOException(new IOException(PATH + " has a line that is not 'address type name'", e));
        }
    }

    /** {@return one line's symbol, or null for a line too short to hold one} */
    static Symbol parse(String line) {
        int s1 = line.indexOf(' ');
        int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
        if (s2 < 0 || s2 != s1 + 2) {
            return null;
        }
        int tab = line.indexOf('\t', s2 + 1);
        String name = line.substring(s2 + 1, tab < 0 ? line.length() : tab);
        String module = null;
        if (tab >= 0) {
            int open = line.indexOf('[', tab);
            int close = line.indexOf(']', open + 1);
            module = open < 0 || close < 0 ? null : line.substring(open + 1, close);
        }
        return new Symbol(Long.parseUnsignedLong(line.substring(0, s1), 16), line.charAt(s1 + 1), name, module);
    }
}
