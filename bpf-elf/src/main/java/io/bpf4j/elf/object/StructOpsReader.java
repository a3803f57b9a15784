package io.bpf4j.elf.object;

import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfRelocation;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the struct_ops variables of {@code .struct_ops} and {@code .struct_ops.link}: each
 * {@code VAR} of the section's DATASEC is one map; the relocations inside a variable say which
 * function pointer member points to which program (libbpf's {@code bpf_object__collect_st_ops_relos}).
 */
final class StructOpsReader {
    static final List<String> SECTIONS = List.of(".struct_ops", ".struct_ops.link");

    private final ElfFile elf;
    private final BtfView btf;
    private final String origin;

    StructOpsReader(ElfFile elf, BtfView btf) {
        this.elf = elf;
        this.btf = btf;
        this.origin = elf.origin();
    }

    List<StructOpsSpec> read(ElfSection section) {
        String sec = section.name();
        if (btf == null) {
            throw new ElfFormatException(origin, sec, 0, "struct_ops variables need a .BTF section, and there is none");
        }
        BtfType.Datasec datasec = btf.btf.datasec(sec)
                .orElseThrow(() -> new ElfFormatException(origin, sec, 0, "no DATASEC '" + sec + "' in .BTF"));
        if (section.size() > ObjectReader.MAX_DATA_SIZE) {
            throw new ElfFormatException(origin, sec, 0, "struct_ops section of " + section.size() + " bytes is too large");
        }
        byte[] bytes = elf.bytes(section);
        Map<String, ElfSymbol> symbols = new HashMap<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.sectionIndex() == section.index() && !s.isSection() && !s.name().isEmpty()) {
                symbols.putIfAbsent(s.name(), s);
            }
        }
        List<ElfRelocation> relocations = elf.relocationsFor(section);
        List<StructOpsSpec> result = new ArrayList<>();
        for (BtfType.VarSecInfo info : datasec.vars()) {
            BtfType t = btf.type(info.type(), "DATASEC " + sec + " entry");
            if (!(t instanceof BtfType.Var var)) {
                throw new ElfFormatException(origin, sec, info.offset(), "DATASEC entry " + info.type() + " is a "
                        + t.kind() + ", not a VAR");
            }
            BtfType type = btf.resolved(var.type(), "struct_ops '" + var.name() + "'");
            if (!(type instanceof BtfType.Struct struct)) {
                throw new ElfFormatException(origin, sec, info.offset(), "struct_ops '" + var.name() + "' is a "
                        + type.kind() + ", not a struct");
            }
            ElfSymbol sym = symbols.get(var.name());
            long offset = sym != null ? sym.value() : info.offset();
            long size = struct.size();
            if (offset < 0 || offset > bytes.length - size) {
                throw new ElfFormatException(origin, sec, offset, "struct_ops '" + var.name() + "' of " + size
                        + " bytes does not fit the " + bytes.length + "-byte section");
            }
            Map<String, String> programs = new HashMap<>();
            for (ElfRelocation r : relocations) {
                if (r.offset() < offset || r.offset() >= offset + size) {
                    continue;
                }
                long memberOffset = r.offset() - offset;
                BtfType.Member member = null;
                for (BtfType.Member m : struct.members()) {
                    if (m.bitOffset() == memberOffset * 8) {
                        member = m;
                        break;
                    }
                }
                if (member == null || !(btf.resolved(member.type(), "member") instanceof BtfType.Ptr)) {
                    throw new ElfFormatException(origin, sec, r.offset(), "relocation inside struct_ops '"
                            + var.name() + "' at byte " + memberOffset + ", which is not a function pointer member");
                }
                programs.put(member.name(), program(r, bytes, var.name()));
            }
            result.add(new StructOpsSpec(var.name(), sec, struct.name(), struct.id(),
                    Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size)), programs));
        }
        return result;
    }

    /** The function a relocation points at: its symbol, or the function at the section symbol plus addend. */
    private String program(ElfRelocation r, byte[] bytes, String variable) {
        ElfSymbol sym = elf.symbolOf(r);
        if (sym.isFunction() && !sym.name().isEmpty()) {
            return sym.name();
        }
        if (sym.isSection() && r.offset() >= 0 && r.offset() <= bytes.length - 8L) {
            long addend = r.explicitAddend() ? r.addend()
                    : ByteBuffer.wrap(bytes).order(elf.order()).getLong((int) r.offset());
            for (ElfSymbol f : elf.symbols()) {
                if (f.isFunction() && f.sectionIndex() == sym.sectionIndex() && f.value() == sym.value() + addend) {
                    return f.name();
                }
            }
        }
        throw new ElfFormatException(origin, elf.section(r.relocationSection()).name(), r.offset(), "struct_ops '" + variable
                + "' points to '" + sym.name() + "', which is not a BPF function");
    }
}
