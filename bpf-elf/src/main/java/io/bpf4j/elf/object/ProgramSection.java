package io.bpf4j.elf.object;

import java.util.Objects;
import java.util.Optional;

/**
 * A program's {@code SEC()} name, parsed once into its parts so that strings do not travel
 * past the parser:
 *
 * <pre>{@code
 * "?fentry.s/do_unlinkat"  -> autoLoad false, kind "fentry.s", target "do_unlinkat", sleepable
 * "kprobe.multi/vfs_*"     -> kind "kprobe.multi", target "vfs_*", multi
 * "xdp.frags"              -> kind "xdp.frags", no target, xdpFrags
 * "my_custom"              -> no definition: the loader needs the program type by hand
 * }</pre>
 *
 * <p>The {@link #kind()} is the name up to its first {@code '/'}; its dot-separated modifiers
 * ({@code .s} sleepable, {@code .multi}, {@code .session}, {@code .w} writable,
 * {@code .frags}) are read from the kind, while the program and attach types come from the
 * matching {@link SectionTable} row.
 *
 * @param elfName the ELF section name as written, with a leading {@code '?'} if any
 * @param name the name without the leading {@code '?'}
 * @param autoLoad false if the name starts with {@code '?'}: libbpf does not load the program unless asked
 * @param kind the part before the first {@code '/'}, such as {@code "kprobe.multi"} or {@code "cgroup"}
 * @param target the part after the first {@code '/'}, such as the traced function; empty if none
 * @param definition the matching libbpf section definition, empty for a name libbpf does not know
 */
public record ProgramSection(String elfName, String name, boolean autoLoad, String kind, String target,
        Optional<SectionDefinition> definition) {

    /** Validates the parts. */
    public ProgramSection {
        Objects.requireNonNull(elfName, "elfName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(definition, "definition");
    }

    /**
     * {@return the parsed section name}
     *
     * @param elfName an ELF section name, with a leading {@code '?'} for programs not loaded by default
     */
    public static ProgramSection parse(String elfName) {
        Objects.requireNonNull(elfName, "elfName");
        boolean autoLoad = !elfName.startsWith("?");
        String name = autoLoad ? elfName : elfName.substring(1);
        int slash = name.indexOf('/');
        String kind = slash < 0 ? name : name.substring(0, slash);
        String target = slash < 0 ? "" : name.substring(slash + 1);
        return new ProgramSection(elfName, name, autoLoad, kind, target, SectionTable.find(name));
    }

    /** {@return true if libbpf's table knows the name} */
    public boolean known() {
        return definition.isPresent();
    }

    /** {@return the program type number, 0 ({@code BPF_PROG_TYPE_UNSPEC}) for an unknown name} */
    public int programType() {
        return definition.map(SectionDefinition::programType).orElse(0);
    }

    /** {@return true if the program is loaded with {@code BPF_F_SLEEPABLE}} */
    public boolean sleepable() {
        return definition.map(SectionDefinition::sleepable).orElse(false);
    }

    /** {@return true for the {@code .multi} kinds ({@code kprobe.multi}, {@code uprobe.multi.s} ...), attached to many functions at once} */
    public boolean multi() {
        return hasModifier("multi");
    }

    /** {@return true for the {@code .session} kinds ({@code kprobe.session}): one program at entry and return} */
    public boolean session() {
        return hasModifier("session");
    }

    /** {@return true for XDP programs that handle multi-buffer packets ({@code xdp.frags})} */
    public boolean xdpFrags() {
        return definition.map(d -> d.flags().contains(SectionFlag.XDP_FRAGS)).orElse(false);
    }

    /** {@return true for return probes ({@code kretprobe}, {@code uretprobe}, {@code kretsyscall} and their variants)} */
    public boolean returnProbe() {
        return kind.startsWith("kretprobe") || kind.startsWith("uretprobe") || kind.startsWith("kretsyscall");
    }

    /** {@return true if libbpf would attach the program from its name alone (a known, auto-attachable kind)} */
    public boolean autoAttach() {
        return definition.map(SectionDefinition::autoAttach).orElse(false);
    }

    private boolean hasModifier(String modifier) {
        String[] parts = kind.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals(modifier)) {
                return true;
            }
        }
        return false;
    }
}
