package io.bpf4j.elf.object;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfExt;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A BPF object file (clang's {@code -target bpf} output) read into a deterministic spec: its
 * programs (linked), maps, data sections, license, kernel version and BTF. Nothing here
 * consults the running kernel; turning the spec into kernel objects is the loader's job.
 *
 * <p>Instances are immutable and safe to share.
 */
public final class ObjectSpec {
    private final String name;
    private final ElfFile elf;
    private final String license;
    private final int kernelVersion;
    private final Btf btf;
    private final BtfExt btfExt;
    private final List<ProgramSpec> programs;
    private final List<MapSpec> maps;
    private final List<DataSectionSpec> dataSections;
    private final Extras extras;

    /** The parts of an object beyond programs, maps and data sections. */
    record Extras(List<LegacyMapSpec> legacyMaps, List<StructOpsSpec> structOps, ArenaSpec arena,
            List<ExternSpec> externs, List<FunctionSpec> functions) {
        Extras {
            legacyMaps = List.copyOf(legacyMaps);
            structOps = List.copyOf(structOps);
            externs = List.copyOf(externs);
            functions = List.copyOf(functions);
        }
    }

    ObjectSpec(String name, ElfFile elf, String license, int kernelVersion, Btf btf, BtfExt btfExt,
            List<ProgramSpec> programs, List<MapSpec> maps, List<DataSectionSpec> dataSections, Extras extras) {
        this.name = name;
        this.elf = elf;
        this.license = license;
        this.kernelVersion = kernelVersion;
        this.btf = btf;
        this.btfExt = btfExt;
        this.programs = List.copyOf(programs);
        this.maps = List.copyOf(maps);
        this.dataSections = List.copyOf(dataSections);
        this.extras = Objects.requireNonNull(extras, "extras");
    }

    /**
     * Reads a BPF object file.
     *
     * @param path the {@code .bpf.o} file
     * @return the spec
     * @throws ElfFormatException if the file is not a well-formed BPF object
     * @throws UnsupportedOperationException for a BTF map attribute libbpf does not know either
     *     (the only feature refused at parse time; struct_ops, arenas and legacy maps are modelled)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static ObjectSpec open(Path path) {
        Objects.requireNonNull(path, "path");
        Path fileName = path.getFileName();
        return ObjectReader.read(ElfFile.parse(path), objectName(fileName == null ? path.toString() : fileName.toString()));
    }

    /**
     * Reads a BPF object held in memory (a class-path resource, say).
     *
     * @param bytes the object file's bytes; not copied, do not change them afterwards
     * @param name the object's file name or name ({@code ".bpf.o"} / {@code ".o"} is dropped),
     *     also used as the origin in error messages
     * @return the spec
     * @throws ElfFormatException if the bytes are not a well-formed BPF object
     * @throws UnsupportedOperationException for a BTF map attribute libbpf does not know either
     */
    public static ObjectSpec parse(byte[] bytes, String name) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(name, "name");
        return ObjectReader.read(ElfFile.parse(bytes, name), objectName(name));
    }

    private static String objectName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String base = fileName.substring(slash + 1);
        if (base.endsWith(".bpf.o")) {
            return base.substring(0, base.length() - ".bpf.o".length());
        }
        if (base.endsWith(".o")) {
            return base.substring(0, base.length() - ".o".length());
        }
        return base;
    }

    /** {@return the object's name: the file name without {@code .bpf.o} or {@code .o}} */
    public String name() {
        return name;
    }

    /** {@return the underlying ELF file (sections, symbols and relocations)} */
    public ElfFile elf() {
        return elf;
    }

    /** {@return the license string of the {@code license} section; empty if the object has none} */
    public String license() {
        return license;
    }

    /** {@return the {@code version} section's value (for old kprobe programs), 0 if absent} */
    public int kernelVersion() {
        return kernelVersion;
    }

    /** {@return the object's BTF ({@code .BTF}), if it has one} */
    public Optional<Btf> btf() {
        return Optional.ofNullable(btf);
    }

    /** {@return the object's {@code .BTF.ext} (raw, per section), if it has one} */
    public Optional<BtfExt> btfExt() {
        return Optional.ofNullable(btfExt);
    }

    /** {@return the entry programs in section order, then offset order; subprograms are linked into them} */
    public List<ProgramSpec> programs() {
        return programs;
    }

    /**
     * {@return the program whose entry function has this name}
     *
     * @param programName the function name
     */
    public Optional<ProgramSpec> program(String programName) {
        return programs.stream().filter(p -> p.name().equals(programName)).findFirst();
    }

    /**
     * {@return the maps: the BTF-defined maps of {@code .maps} in declaration order, then the
     * legacy maps of {@code maps} (see {@link #legacyMaps()}) in offset order}
     */
    public List<MapSpec> maps() {
        return maps;
    }

    /**
     * {@return the map with this name}
     *
     * @param mapName the map's name
     */
    public Optional<MapSpec> map(String mapName) {
        return maps.stream().filter(m -> m.name().equals(mapName)).findFirst();
    }

    /** {@return the global data sections, in section order; empty sections are left out} */
    public List<DataSectionSpec> dataSections() {
        return dataSections;
    }

    /**
     * {@return the data section with this name}
     *
     * @param sectionName the ELF section name, such as {@code ".rodata"}
     */
    public Optional<DataSectionSpec> dataSection(String sectionName) {
        return dataSections.stream().filter(d -> d.name().equals(sectionName)).findFirst();
    }

    /** {@return the definitions of the legacy {@code maps} section, with iproute2's extra fields; also listed in {@link #maps()}} */
    public List<LegacyMapSpec> legacyMaps() {
        return extras.legacyMaps();
    }

    /** {@return the struct_ops variables of {@code .struct_ops} and {@code .struct_ops.link}} */
    public List<StructOpsSpec> structOps() {
        return extras.structOps();
    }

    /** {@return the arena globals of {@code .addr_space.1}, if the object has any} */
    public Optional<ArenaSpec> arena() {
        return Optional.ofNullable(extras.arena());
    }

    /** {@return the externs declared in the BTF DATASECs {@code .kconfig} and {@code .ksyms}, used or not} */
    public List<ExternSpec> externs() {
        return extras.externs();
    }

    /** {@return every BPF function as written (entry programs and subprograms), by section then offset} */
    public List<FunctionSpec> functions() {
        return extras.functions();
    }

    @Override
    public String toString() {
        return "ObjectSpec[" + name + ": " + programs.size() + " programs, " + maps.size() + " maps, "
                + dataSections.size() + " data sections]";
    }
}
