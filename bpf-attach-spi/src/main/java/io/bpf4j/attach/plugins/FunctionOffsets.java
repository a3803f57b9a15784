package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.elf.ElfConstants;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfSymbol;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Turns a function name in an executable or shared library into the file offset a uprobe wants:
 * the symbol's virtual address ({@code .symtab}, else {@code .dynsym}) minus the virtual address
 * of the {@code PT_LOAD} segment holding it plus that segment's file offset.
 */
final class FunctionOffsets {

    private FunctionOffsets() {
    }

    /**
     * {@return the file offset of {@code function} in {@code binary}}
     *
     * @param binary an absolute path to an ELF executable or shared library
     * @param function a symbol name; a versioned name in the table ({@code memcpy@GLIBC_2.2.5})
     *     matches its bare name
     * @throws AttachException naming the binary and function if the symbol is missing, ambiguous,
     *     an IFUNC, or outside every loadable segment, or if the file is not a valid ELF file
     */
    static long fileOffset(Path binary, String function) {
        ElfFile elf = open(binary);
        long address = address(elf, binary, function);
        OptionalLong fileOffset = elf.fileOffsetOf(address);
        if (fileOffset.isPresent()) {
            return fileOffset.getAsLong();
        }
        throw new AttachException("function " + function + " in " + binary + " is at 0x" + Long.toHexString(address)
                + ", outside every PT_LOAD segment");
    }

    /**
     * {@return the file offset of every function of {@code binary} whose name matches
     * {@code glob} ({@code *} and {@code ?}), by name in name order} Versioned names count by
     * their bare name; a name defined at several addresses takes its global definition, and
     * IFUNC resolvers are left out.
     *
     * @throws AttachException naming the binary and glob if nothing matches or the file is not ELF
     */
    static java.util.SortedMap<String, Long> matching(Path binary, String glob) {
        ElfFile elf = open(binary);
        java.util.regex.Pattern pattern = KernelSymbols.globPattern(glob);
        java.util.SortedSet<String> names = new TreeSet<>();
        for (List<ElfSymbol> table : List.of(elf.symbols(), elf.dynamicSymbols())) {
            for (ElfSymbol symbol : table) {
                if (symbol.isInSection() && symbol.isFunction() && symbol.value() != 0) {
                    String bare = symbol.name().indexOf('@') < 0 ? symbol.name()
                            : symbol.name().substring(0, symbol.name().indexOf('@'));
                    if (!bare.isEmpty() && pattern.matcher(bare).matches()) {
                        names.add(bare);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            throw new AttachException("no function of " + binary + " matches '" + glob + "'");
        }
        java.util.SortedMap<String, Long> offsets = new java.util.TreeMap<>();
        for (String name : names) {
            long address;
            try {
                address = address(elf, binary, name);
            } catch (AttachException ifuncOrAmbiguous) {
                continue; // a glob skips what cannot be probed by name, as libbpf does
            }
            OptionalLong offset = elf.fileOffsetOf(address);
            if (offset.isPresent()) {
                offsets.put(name, offset.getAsLong());
            }
        }
        if (offsets.isEmpty()) {
            throw new AttachException("no function of " + binary + " matching '" + glob
                    + "' can be probed (IFUNCs, ambiguous names or outside every PT_LOAD segment)");
        }
        return offsets;
    }

    private static ElfFile open(Path binary) {
        try {
            return ElfFile.parse(binary);
        } catch (ElfFormatException e) {
            throw new AttachException("uprobe binary " + binary + " is not a valid ELF file", e);
        } catch (UncheckedIOException e) {
            throw new AttachException("cannot read uprobe binary " + binary, e);
        }
    }

    private static long address(ElfFile elf, Path binary, String function) {
        List<ElfSymbol> fromSymtab = new ArrayList<>();
        List<ElfSymbol> fromDynsym = new ArrayList<>();
        collect(elf.symbols(), function, fromSymtab);
        collect(elf.dynamicSymbols(), function, fromDynsym);
        // .symtab is complete when present; .dynsym serves stripped binaries.
        List<ElfSymbol> candidates = fromSymtab.isEmpty() ? fromDynsym : fromSymtab;
        List<ElfSymbol> functions = new ArrayList<>();
        for (ElfSymbol symbol : candidates) {
            if (symbol.type() == ElfConstants.STT_GNU_IFUNC) {
                throw new AttachException("function " + function + " in " + binary + " is an IFUNC (its address is the"
                        + " resolver's, not the implementation's): probe the implementation it selects instead");
            }
            if (symbol.isFunction()) {
                functions.add(symbol);
            }
        }
        if (functions.isEmpty()) {
            throw new AttachException("function " + function + " not found in " + binary
                    + " (no defined STT_FUNC symbol of that name in .symtab or .dynsym)");
        }
        TreeSet<Long> addresses = distinctAddresses(functions, false);
        if (addresses.size() > 1) {
            // A global definition beside weak or local aliases elsewhere is the one the linker uses.
            TreeSet<Long> global = distinctAddresses(functions, true);
            if (global.size() != 1) {
                throw new AttachException("function " + function + " in " + binary + " is ambiguous: defined at "
                        + hex(addresses) + "; probe it by offset instead");
            }
            addresses = global;
        }
        return addresses.first();
    }

    private static void collect(List<ElfSymbol> table, String function, List<ElfSymbol> into) {
        for (ElfSymbol symbol : table) {
            if (symbol.isInSection() && nameMatches(symbol.name(), function)) {
                into.add(symbol);
            }
        }
    }

    private static TreeSet<Long> distinctAddresses(List<ElfSymbol> symbols, boolean globalOnly) {
        TreeSet<Long> addresses = new TreeSet<>();
        for (ElfSymbol symbol : symbols) {
            if (!globalOnly || symbol.isGlobal()) {
                addresses.add(symbol.value());
            }
        }
        return addresses;
    }

    private static String hex(TreeSet<Long> addresses) {
        List<String> text = new ArrayList<>();
        addresses.forEach(a -> text.add("0x" + Long.toHexString(a)));
        return String.join(", ", text);
    }

    static boolean nameMatches(String symbolName, String function) {
        if (symbolName.equals(function)) {
            return true;
        }
        return function.indexOf('@') < 0 && symbolName.startsWith(function)
                && symbolName.length() > function.length() && symbolName.charAt(function.length()) == '@';
    }
}
