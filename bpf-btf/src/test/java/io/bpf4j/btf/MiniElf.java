package io.bpf4j.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough ELF64 (little-endian, as clang -target bpf writes) for the tests: section contents
 * by name and the symbol table. bpf-btf may not depend on bpf-elf (it is the other way round).
 */
final class MiniElf {
    record Section(int index, String name, int type, int offset, int size, int link) {
    }

    record Symbol(String name, int info, int sectionIndex, long value, long size) {
        boolean isFunction() {
            return (info & 0xf) == 2; // STT_FUNC
        }

        boolean isObject() {
            return (info & 0xf) == 1; // STT_OBJECT
        }
    }

    private final ByteBuffer buf;
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<Section> byIndex = new ArrayList<>();

    MiniElf(byte[] bytes) {
        buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(0) != 0x464c457f || buf.get(4) != 2 || buf.get(5) != 1) {
            throw new IllegalArgumentException("not a little-endian ELF64 file");
        }
        int shoff = (int) buf.getLong(0x28);
        int shentsize = buf.getShort(0x3a) & 0xffff;
        int shnum = buf.getShort(0x3c) & 0xffff;
        int shstrndx = buf.getShort(0x3e) & 0xffff;
        int strtabOffset = (int) buf.getLong(shoff + shstrndx * shentsize + 0x18);
        for (int i = 0; i < shnum; i++) {
            int at = shoff + i * shentsize;
            Section s = new Section(i, cString(strtabOffset + buf.getInt(at)), buf.getInt(at + 4),
                    (int) buf.getLong(at + 0x18), (int) buf.getLong(at + 0x20), buf.getInt(at + 0x28));
            byIndex.add(s);
            sections.putIfAbsent(s.name(), s);
        }
    }

    Optional<Section> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    Section section(int index) {
        return byIndex.get(index);
    }

    byte[] contents(String name) {
        Section s = section(name).orElseThrow(() -> new IllegalArgumentException("no section " + name));
        byte[] out = new byte[s.size()];
        buf.get(s.offset(), out);
        return out;
    }

    List<Symbol> symbols() {
        Section symtab = section(".symtab").orElseThrow();
        int strtab = section(symtab.link()).offset();
        List<Symbol> out = new ArrayList<>();
        for (int at = symtab.offset(); at < symtab.offset() + symtab.size(); at += 24) {
            out.add(new Symbol(cString(strtab + buf.getInt(at)), buf.get(at + 4) & 0xff, buf.getShort(at + 6) & 0xffff,
                    buf.getLong(at + 8), buf.getLong(at + 16)));
        }
        return out;
    }

    private String cString(int at) {
        int end = at;
        while (buf.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - at];
        buf.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
