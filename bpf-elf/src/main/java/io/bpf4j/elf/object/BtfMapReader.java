package io.bpf4j.elf.object;

import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfConstants;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfRelocation;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads BTF-defined maps: each {@code VAR} of the {@code .maps} DATASEC is a struct whose
 * members encode the attributes (libbpf's {@code parse_btf_map_def}): {@code __uint(name, v)}
 * is a pointer to an array of {@code v} elements, {@code __type(name, T)} a pointer to
 * {@code T}, {@code __ulong(name, v)} an enum whose one value is {@code v}, and
 * {@code __array(values, T)} a zero-length array of pointers to {@code T}.
 */
final class BtfMapReader {
    // enum bpf_map_type values of include/uapi/linux/bpf.h needed to interpret "values".
    private static final int BPF_MAP_TYPE_PROG_ARRAY = 3;
    private static final int BPF_MAP_TYPE_ARRAY_OF_MAPS = 12;
    private static final int BPF_MAP_TYPE_HASH_OF_MAPS = 13;

    private final ElfFile elf;
    private final BtfView btf;
    private final String origin;

    BtfMapReader(ElfFile elf, BtfView btf) {
        this.elf = elf;
        this.btf = btf;
        this.origin = elf.origin();
    }

    /** Mutable attribute set while one definition is read. */
    private static final class Definition {
        int type;
        long keySize = -1;
        long valueSize = -1;
        long maxEntries;
        long flags;
        long numaNode;
        long pinning;
        long mapExtra;
        int keyTypeId;
        int valueTypeId;
        MapSpec inner;
        boolean hasValues;
        long valuesByteOffset = -1;
    }

    /** Reads every map; {@code offsets} receives each map's symbol offset in .maps. */
    List<MapSpec> read(ElfSection maps, Map<Integer, String> namesByOffset) {
        if (btf == null) {
            throw new ElfFormatException(origin, ".maps", 0, "BTF-defined maps need a .BTF section, and there is none");
        }
        BtfType.Datasec datasec = btf.btf.datasec(".maps")
                .orElseThrow(() -> new ElfFormatException(origin, ".maps", 0, "no DATASEC '.maps' in .BTF"));
        Map<String, ElfSymbol> symbols = new HashMap<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.sectionIndex() == maps.index() && !s.isSection() && !s.name().isEmpty()) {
                symbols.putIfAbsent(s.name(), s);
            }
        }
        List<ElfRelocation> relocations = elf.relocationsFor(maps);
        List<MapSpec> result = new ArrayList<>();
        for (BtfType.VarSecInfo info : datasec.vars()) {
            BtfType t = btf.type(info.type(), "DATASEC .maps entry");
            if (!(t instanceof BtfType.Var var)) {
                throw btf.error("DATASEC .maps entry " + info.type() + " is a " + t.kind() + ", not a VAR");
            }
            String name = var.name();
            ElfSymbol sym = symbols.get(name);
            long base = sym != null ? sym.value() : info.offset();
            long size = sym != null && sym.size() > 0 ? sym.size() : info.size();
            Definition def = definition(name, var.type());
            Map<Integer, String> slots = initialSlots(name, def, base, size, relocations);
            result.add(toSpec(name, def, slots));
            namesByOffset.put((int) base, name);
        }
        return result;
    }

    private Definition definition(String mapName, int typeId) {
        BtfType t = btf.resolved(typeId, "map '" + mapName + "'");
        if (!(t instanceof BtfType.Struct struct)) {
            throw btf.error("map '" + mapName + "' is a " + t.kind() + ", not a struct of attributes");
        }
        Definition def = new Definition();
        for (BtfType.Member m : struct.members()) {
            String what = "map '" + mapName + "' attribute '" + m.name() + "'";
            switch (m.name()) {
                case "type" -> def.type = (int) number(m, what);
                case "max_entries" -> def.maxEntries = number(m, what);
                case "map_flags" -> def.flags = number(m, what);
                case "numa_node" -> def.numaNode = number(m, what);
                case "pinning" -> def.pinning = number(m, what);
                case "map_extra" -> def.mapExtra = number(m, what);
                case "key_size" -> def.keySize = checkSize(def.keySize, number(m, what), what);
                case "value_size" -> def.valueSize = checkSize(def.valueSize, number(m, what), what);
                case "key" -> {
                    def.keyTypeId = pointee(m, what);
                    def.keySize = checkSize(def.keySize, btf.sizeOf(def.keyTypeId, what), what);
                }
                case "value" -> {
                    def.valueTypeId = pointee(m, what);
                    def.valueSize = checkSize(def.valueSize, btf.sizeOf(def.valueTypeId, what), what);
                }
                case "values" -> {
                    def.hasValues = true;
                    def.valuesByteOffset = m.bitOffset() / 8;
                    def.inner = values(mapName, m, what);
                }
                default -> throw new UnsupportedOperationException(origin + ": " + what
                        + " is not supported (known: type, max_entries, map_flags, numa_node, pinning, map_extra,"
                        + " key_size, value_size, key, value, values)");
            }
        }
        if (def.hasValues) {
            boolean mapInMap = def.type == BPF_MAP_TYPE_ARRAY_OF_MAPS || def.type == BPF_MAP_TYPE_HASH_OF_MAPS;
            if (!mapInMap && def.type != BPF_MAP_TYPE_PROG_ARRAY) {
                throw btf.error("map '" + mapName + "' has 'values' but type " + def.type
                        + " is neither a map-in-map nor a program array");
            }
            if (mapInMap && def.inner == null) {
                throw btf.error("map-in-map '" + mapName + "' has 'values' without an inner map definition");
            }
            // The value of these maps is a map or program fd (libbpf: value_size 4).
            def.valueSize = checkSize(def.valueSize, 4, "map '" + mapName + "' value_size");
            def.valueTypeId = 0;
        }
        return def;
    }

    private MapSpec values(String mapName, BtfType.Member m, String what) {
        BtfType t = btf.resolved(m.type(), what);
        if (!(t instanceof BtfType.Array array) || array.elementCount() != 0) {
            throw btf.error(what + " must be a zero-length array (__array)");
        }
        BtfType elem = btf.resolved(array.elementType(), what);
        if (!(elem instanceof BtfType.Ptr ptr)) {
            throw btf.error(what + " must be an array of pointers (__array)");
        }
        BtfType target = btf.resolved(ptr.type(), what);
        if (target instanceof BtfType.FuncProto) {
            return null; // a program array: the slots hold programs
        }
        if (!(target instanceof BtfType.Struct)) {
            throw btf.error(what + " points to a " + target.kind() + ", not a map definition");
        }
        String innerName = mapName + ".inner";
        Definition inner = definition(innerName, ptr.type());
        return toSpec(innerName, inner, Map.of());
    }

    private Map<Integer, String> initialSlots(String name, Definition def, long base, long size,
            List<ElfRelocation> relocations) {
        Map<Integer, String> slots = new HashMap<>();
        for (ElfRelocation r : relocations) {
            if (r.offset() < base || r.offset() >= base + Math.max(size, 1)) {
                continue;
            }
            long rel = r.offset() - base;
            if (!def.hasValues || rel < def.valuesByteOffset || (rel - def.valuesByteOffset) % 8 != 0) {
                throw new ElfFormatException(origin, ".maps", r.offset(), "relocation inside map '" + name
                        + "' that is not a slot of its 'values'");
            }
            if (r.type() != ElfConstants.R_BPF_64_ABS64 && r.type() != ElfConstants.R_BPF_64_64) {
                throw new ElfFormatException(origin, ".maps", r.offset(), "unknown relocation type " + r.type()
                        + " in map '" + name + "'");
            }
            long slot = (rel - def.valuesByteOffset) / 8;
            if (slot >= def.maxEntries) {
                throw new ElfFormatException(origin, ".maps", r.offset(), "initial value for slot " + slot
                        + " of map '" + name + "' is beyond max_entries " + def.maxEntries);
            }
            ElfSymbol target = elf.symbolOf(r);
            if (target.name().isEmpty() || target.isSection()) {
                throw new ElfFormatException(origin, ".maps", r.offset(), "initial value of map '" + name
                        + "' refers to an unnamed symbol");
            }
            slots.put((int) slot, target.name());
        }
        return slots;
    }

    private MapSpec toSpec(String name, Definition d, Map<Integer, String> slots) {
        return new MapSpec(name, d.type, (int) Math.max(0, d.keySize), (int) Math.max(0, d.valueSize),
                (int) d.maxEntries, (int) d.flags, (int) d.numaNode, (int) d.pinning, d.mapExtra, d.keyTypeId,
                d.valueTypeId, Optional.ofNullable(d.inner), slots);
    }

    private long checkSize(long known, long size, String what) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw btf.error(what + ": size " + size + " is out of range");
        }
        if (known >= 0 && known != size) {
            throw btf.error(what + ": size " + size + " conflicts with the size " + known + " given before");
        }
        return size;
    }

    /** {@code __uint}: pointer to an array of N elements; {@code __ulong}: an enum with one value. */
    private long number(BtfType.Member m, String what) {
        BtfType t = btf.resolved(m.type(), what);
        if (t instanceof BtfType.Ptr ptr) {
            BtfType target = btf.resolved(ptr.type(), what);
            if (target instanceof BtfType.Array array) {
                return array.elementCountUnsigned();
            }
            throw btf.error(what + " must be a pointer to an array (__uint), found a pointer to " + target.kind());
        }
        if (t instanceof BtfType.Enum e && e.values().size() == 1) {
            return e.values().get(0).value();
        }
        if (t instanceof BtfType.Enum64 e && e.values().size() == 1) {
            return e.values().get(0).value();
        }
        throw btf.error(what + " must be __uint (pointer to array) or __ulong (enum), found " + t.kind());
    }

    /** {@code __type}: the pointed-to type id. */
    private int pointee(BtfType.Member m, String what) {
        BtfType t = btf.resolved(m.type(), what);
        if (!(t instanceof BtfType.Ptr ptr)) {
            throw btf.error(what + " must be a pointer (__type), found " + t.kind());
        }
        return ptr.type();
    }
}
