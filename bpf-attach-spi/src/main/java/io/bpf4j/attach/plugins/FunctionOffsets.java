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
        ElfFile elf;
        try {
            elf = ElfFile.parse(binary);
        } catch (ElfFormatException e) {
            throw new AttachException("uprobe binary " + binary + " is not a valid ELF file", e);
        } catch (UncheckedIOException e) {
            throw new AttachException("cannot read uprobe binary " + binary, e);
        }
        long address = address(elf, binary, function);
        OptionalLong fileOffset = elf.fileOffsetOf(address);
        if (fileOffset.isPresent()) {
            return fileOffset.getAsLong();
        }
        throw new AttachException("function " + function + " in " + binary + " is at 0x" + Long.toHexString(address)
                + ", outside every PT_LOAD segment");
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
