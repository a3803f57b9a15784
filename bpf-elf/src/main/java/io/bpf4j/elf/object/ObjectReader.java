package io.bpf4j.elf.object;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfExt;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfConstants;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSymbol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@link ObjectSpec} from a parsed ELF file; one instance per object. */
final class ObjectReader implements ProgramLinker.Context {
    private static final String TEXT = ".text";
    private static final String ARENA_SECTION = ".addr_space.1";
    /** Larger data sections are refused: far beyond any map value a kernel accepts, and it bounds allocations. */
    static final long MAX_DATA_SIZE = 64L << 20;

    private final ElfFile elf;
    private final String origin;
    private final List<ElfSymbol> symbols;
    private BtfView btfView;
    private BtfExt btfExt;
    private final Map<Integer, SectionCode> code = new LinkedHashMap<>();
    private final Set<String> mapNames = new LinkedHashSet<>();
    private final Map<Integer, String> mapsByOffset = new HashMap<>();
    private final Set<String> dataSectionNames = new LinkedHashSet<>();
    private final Map<String, ExternEntry> externs = new HashMap<>();
    private final Map<Integer, String> legacyMapsByOffset = new HashMap<>();
    private final Set<String> structOpsNames = new LinkedHashSet<>();
    private String arenaSection;
    private String arenaMap;

    private record ExternEntry(ExternKind kind, int btfTypeId) {
    }

    private ObjectReader(ElfFile elf) {
        this.elf = elf;
        this.origin = elf.origin();
        this.symbols = elf.symbols();
    }

    static ObjectSpec read(ElfFile elf, String name) {
        return new ObjectReader(elf).read(name);
    }

    private ObjectSpec read(String name) {
        if (elf.machine() != ElfConstants.EM_BPF) {
            throw new ElfFormatException(origin, null, 18, "not a BPF object: e_machine is " + elf.machine()
                    + ", expected EM_BPF (" + ElfConstants.EM_BPF + ")");
        }
        if (elf.type() != ElfConstants.ET_REL) {
            throw new ElfFormatException(origin, null, 16, "not a relocatable BPF object: e_type is " + elf.type());
        }
        if (symbols.isEmpty()) {
            throw new ElfFormatException(origin, null, 0, "the object has no symbol table (.symtab)");
        }
        readBtf();
        String license = readLicense();
        int version = readVersion();
        List<DataSectionSpec> data = readDataSections();
        List<MapSpec> maps = List.of();
        ElfSection mapsSection = elf.section(".maps").orElse(null);
        if (mapsSection != null) {
            maps = new BtfMapReader(elf, btfView).read(mapsSection, mapsByOffset);
            maps.forEach(m -> mapNames.add(m.name()));
        }
        List<LegacyMapSpec> legacy = List.of();
        ElfSection legacySection = elf.section(LegacyMapReader.SECTION).orElse(null);
        if (legacySection != null && !legacySection.isExecutable()) {
            legacy = new LegacyMapReader(elf).read(legacySection);
            List<MapSpec> all = new ArrayList<>(maps);
            for (LegacyMapSpec m : legacy) {
                if (!mapNames.add(m.name())) {
                    throw new ElfFormatException(origin, LegacyMapReader.SECTION, m.offset(), "map '" + m.name()
                            + "' is defined in both .maps and maps");
                }
                legacyMapsByOffset.put(m.offset(), m.name());
                all.add(m.toMapSpec());
            }
            maps = all;
        }
        List<StructOpsSpec> structOps = new ArrayList<>();
        for (String sec : StructOpsReader.SECTIONS) {
            ElfSection s = elf.section(sec).orElse(null);
            if (s != null) {
                List<StructOpsSpec> read = new StructOpsReader(elf, btfView).read(s);
                read.forEach(o -> structOpsNames.add(o.name()));
                structOps.addAll(read);
            }
        }
        ArenaSpec arena = readArena(maps);
        List<ExternSpec> externList = indexExterns();
        for (ElfSection s : elf.sections()) {
            if (s.isExecutable() && s.type() == ElfConstants.SHT_PROGBITS && s.size() > 0) {
                code.put(s.index(), new SectionCode(elf, s, symbols));
            }
        }
        List<ProgramSpec> programs = new ArrayList<>();
        List<FunctionSpec> functions = new ArrayList<>();
        for (SectionCode c : code.values()) {
            for (SectionCode.Function f : c.functions) {
                ElfSymbol sym = f.symbol();
                SymbolBinding binding = sym.isLocal() ? SymbolBinding.LOCAL
                        : sym.isWeak() ? SymbolBinding.WEAK : SymbolBinding.GLOBAL;
                functions.add(new FunctionSpec(f.name(), c.section.name(), f.startSlot() * 8, f.slotCount(), binding,
                        !c.section.name().equals(TEXT) && !sym.isLocal()));
            }
        }
        for (SectionCode c : code.values()) {
            if (c.section.name().equals(TEXT)) {
                continue;
            }
            boolean autoLoad = !c.section.name().startsWith("?");
            String secName = autoLoad ? c.section.name() : c.section.name().substring(1);
            boolean any = false;
            for (SectionCode.Function f : c.functions) {
                if (f.symbol().isLocal()) {
                    continue; // a static function in a program section is a subprogram, not a program
                }
                any = true;
                programs.add(new ProgramLinker(this).link(c, f, secName, autoLoad));
            }
            if (!any) {
                throw new ElfFormatException(origin, c.section.name(), 0,
                        "program section has no global function symbol");
            }
        }
        Btf btf = btfView == null ? null : btfView.btf;
        return new ObjectSpec(name, elf, license, version, btf, btfExt, programs, maps, data,
                new ObjectSpec.Extras(legacy, structOps, arena, externList, functions));
    }

    private void readBtf() {
        ElfSection btfSection = elf.section(".BTF").orElse(null);
        ElfSection extSection = elf.section(".BTF.ext").orElse(null);
        if (btfSection == null) {
            if (extSection != null) {
                throw new ElfFormatException(origin, ".BTF.ext", 0, "the object has .BTF.ext but no .BTF");
            }
            return;
        }
        Btf btf;
        try {
            btf = Btf.parse(elf.data(btfSection).order(elf.order()), origin + " .BTF");
        } catch (BtfFormatException e) {
            throw new ElfFormatException(origin, ".BTF", e.offset(), e.problem(), e);
        }
        btfView = new BtfView(btf, origin);
        if (extSection != null) {
            try {
                btfExt = BtfExt.parse(elf.data(extSection).order(elf.order()), btf, origin + " .BTF.ext");
            } catch (BtfFormatException e) {
                throw new ElfFormatException(origin, ".BTF.ext", e.offset(), e.problem(), e);
            }
        }
    }

    private String readLicense() {
        ElfSection s = elf.section("license").orElse(null);
        if (s == null || s.isNoBits()) {
            return ""; // a SHT_NOBITS section is all zeros: an empty string, without allocating its size
        }
        byte[] bytes = elf.bytes(s);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private int readVersion() {
        ElfSection s = elf.section("version").orElse(null);
        if (s == null) {
            return 0;
        }
        if (s.size() != 4) {
            throw new ElfFormatException(origin, "version", 0, "version section has " + s.size()
                    + " bytes, expected 4");
        }
        // bytes(), not data(): a SHT_NOBITS "version" section has no file contents and reads as zero;
        // a SHT_NULL one has no contents at all.
        byte[] bytes = elf.bytes(s);
        if (bytes.length != 4) {
            throw new ElfFormatException(origin, "version", 0, "version section of type " + s.type()
                    + " has no 4-byte contents");
        }
        return ByteBuffer.wrap(bytes).order(elf.order()).getInt(0);
    }

    static boolean isDataSectionName(String name) {
        return name.equals(".data") || name.equals(".rodata") || name.equals(".bss") || name.startsWith(".data.")
                || name.startsWith(".rodata.") || name.startsWith(".bss.");
    }

    private List<DataSectionSpec> readDataSections() {
        List<DataSectionSpec> list = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (!isDataSectionName(s.name()) || s.isExecutable()
                    || (s.type() != ElfConstants.SHT_PROGBITS && s.type() != ElfConstants.SHT_NOBITS)) {
                continue;
            }
            if (s.size() == 0) {
                continue; // the kernel refuses zero-sized values; libbpf skips these too
            }
            if (s.size() > MAX_DATA_SIZE) {
                throw new ElfFormatException(origin, s.name(), 0, "data section of " + s.size() + " bytes is too large");
            }
            DataSectionKind kind = s.name().startsWith(".rodata") ? DataSectionKind.RODATA
                    : s.name().startsWith(".bss") || s.isNoBits() ? DataSectionKind.BSS : DataSectionKind.DATA;
            int datasecId = 0;
            List<VariableSpec> vars = new ArrayList<>();
            Map<String, ElfSymbol> byName = new HashMap<>();
            for (ElfSymbol sym : symbols) {
                if (sym.sectionIndex() == s.index() && !sym.isSection() && !sym.name().isEmpty()) {
                    byName.putIfAbsent(sym.name(), sym);
                }
            }
            if (btfView != null) {
                datasecId = btfView.btf.findByName(s.name(), BtfKind.DATASEC);
                datasecId = Math.max(datasecId, 0);
            }
            if (datasecId > 0) {
                BtfType t = btfView.type(datasecId, "DATASEC " + s.name());
                for (BtfType.VarSecInfo info : ((BtfType.Datasec) t).vars()) {
                    BtfType v = btfView.type(info.type(), "DATASEC " + s.name() + " entry");
                    if (!(v instanceof BtfType.Var var)) {
                        continue; // functions (for .ksyms) do not occur in data sections
                    }
                    ElfSymbol sym = byName.get(var.name());
                    // Object files may carry offset 0 for every variable: the symbol is the truth (libbpf does the same).
                    long offset = sym != null ? sym.value() : info.offset();
                    long size = info.size() > 0 ? info.size() : btfView.sizeOf(var.type(), "variable " + var.name());
                    checkVariable(s, var.name(), offset, size);
                    vars.add(new VariableSpec(var.name(), (int) offset, (int) size, var.type()));
                }
            } else {
                for (ElfSymbol sym : byName.values()) {
                    if (sym.isObject()) {
                        checkVariable(s, sym.name(), sym.value(), sym.size());
                        vars.add(new VariableSpec(sym.name(), (int) sym.value(), (int) sym.size(), 0));
                    }
                }
            }
            vars.sort(Comparator.comparingInt(VariableSpec::offset).thenComparing(VariableSpec::name));
            list.add(new DataSectionSpec(s.name(), kind, elf.bytes(s), (int) s.size(), datasecId, vars));
            dataSectionNames.add(s.name());
        }
        return list;
    }

    private void checkVariable(ElfSection s, String name, long offset, long size) {
        if (offset < 0 || size < 0 || offset + size > s.size()) {
            throw new ElfFormatException(origin, s.name(), offset, "variable '" + name + "' of " + size
                    + " bytes does not fit the " + s.size() + "-byte section");
        }
    }

    private List<ExternSpec> indexExterns() {
        List<ExternSpec> list = new ArrayList<>();
        if (btfView == null) {
            return list;
        }
        Map<String, ElfSymbol> undefined = new HashMap<>();
        for (ElfSymbol sym : symbols) {
            if (sym.isUndefined() && !sym.name().isEmpty()) {
                undefined.putIfAbsent(sym.name(), sym);
            }
        }
        for (String sec : List.of(".kconfig", ".ksyms")) {
            BtfType.Datasec datasec = btfView.btf.datasec(sec).orElse(null);
            if (datasec == null) {
                continue;
            }
            for (BtfType.VarSecInfo info : datasec.vars()) {
                BtfType t = btfView.type(info.type(), "DATASEC " + sec + " entry");
                ExternKind kind = t instanceof BtfType.Func ? ExternKind.FUNCTION
                        : sec.equals(".kconfig") ? ExternKind.KCONFIG : ExternKind.KSYM;
                if (externs.putIfAbsent(t.name(), new ExternEntry(kind, t.id())) != null) {
                    continue;
                }
                ElfSymbol sym = undefined.get(t.name());
                boolean weak = sym != null && sym.isWeak();
                boolean typed = true;
                long size = 0;
                if (t instanceof BtfType.Var var) {
                    typed = var.type() != 0 && !(btfView.resolved(var.type(), "extern '" + var.name() + "'")
                            instanceof BtfType.Void);
                    size = typed ? btfView.sizeOf(var.type(), "extern '" + var.name() + "'") : 0;
                }
                list.add(new ExternSpec(t.name(), kind, weak, typed, t.id(), (int) Math.min(size, Integer.MAX_VALUE)));
            }
        }
        return list;
    }

    /** The arena globals of {@code .addr_space.1}, which live in the object's one arena map. */
    private ArenaSpec readArena(List<MapSpec> maps) {
        ElfSection s = elf.section(ARENA_SECTION).orElse(null);
        if (s == null || s.isExecutable()) {
            return null;
        }
        List<String> arenas = maps.stream().filter(m -> m.type() == ArenaSpec.BPF_MAP_TYPE_ARENA)
                .map(MapSpec::name).toList();
        if (arenas.size() != 1) {
            throw new ElfFormatException(origin, ARENA_SECTION, 0, "arena globals need exactly one map of type "
                    + "BPF_MAP_TYPE_ARENA, found " + arenas.size());
        }
        if (s.size() > MAX_DATA_SIZE) {
            throw new ElfFormatException(origin, ARENA_SECTION, 0, "arena section of " + s.size() + " bytes is too large");
        }
        List<VariableSpec> vars = new ArrayList<>();
        for (ElfSymbol sym : symbols) {
            if (sym.sectionIndex() == s.index() && !sym.isSection() && !sym.name().isEmpty() && sym.isObject()) {
                checkVariable(s, sym.name(), sym.value(), sym.size());
                vars.add(new VariableSpec(sym.name(), (int) sym.value(), (int) sym.size(), 0));
            }
        }
        vars.sort(Comparator.comparingInt(VariableSpec::offset).thenComparing(VariableSpec::name));
        arenaSection = s.name();
        arenaMap = arenas.get(0);
        return new ArenaSpec(s.name(), arenaMap, elf.bytes(s), vars);
    }

    @Override
    public ElfFile elf() {
        return elf;
    }

    @Override
    public SectionCode code(int sectionIndex) {
        return code.get(sectionIndex);
    }

    @Override
    public Set<String> mapNames() {
        return mapNames;
    }

    @Override
    public String mapAtOffset(int offset) {
        return mapsByOffset.get(offset);
    }

    @Override
    public boolean isDataSection(String name) {
        return dataSectionNames.contains(name);
    }

    @Override
    public String legacyMapAtOffset(int offset) {
        return legacyMapsByOffset.get(offset);
    }

    @Override
    public boolean isStructOps(String name) {
        return structOpsNames.contains(name);
    }

    @Override
    public String arenaSection() {
        return arenaSection;
    }

    @Override
    public String arenaMap() {
        return arenaMap;
    }

    @Override
    public BtfExt btfExt() {
        return btfExt;
    }

    @Override
    public ExternReference extern(int instructionIndex, ElfSymbol symbol, boolean call, ElfSection section,
            long offset) {
        ExternEntry e = externs.get(symbol.name());
        if (e == null && call && btfView != null) {
            int id = btfView.btf.findByName(symbol.name(), BtfKind.FUNC);
            if (id > 0) {
                e = new ExternEntry(ExternKind.FUNCTION, id);
            }
        }
        if (e == null) {
            throw new ElfFormatException(origin, section.name(), offset, "instruction at byte offset " + offset
                    + ": extern '" + symbol.name() + "' has no BTF entry in DATASEC .kconfig or .ksyms");
        }
        if (call && e.kind() != ExternKind.FUNCTION) {
            throw new ElfFormatException(origin, section.name(), offset, "instruction at byte offset " + offset
                    + ": call to extern '" + symbol.name() + "', which is a " + e.kind() + " variable");
        }
        return new ExternReference(instructionIndex, symbol.name(), e.kind(), symbol.isWeak(), e.btfTypeId());
    }
}
