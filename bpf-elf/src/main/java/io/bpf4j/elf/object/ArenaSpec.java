package io.bpf4j.elf.object;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The arena globals of an object: the variables clang places in {@code .addr_space.1}
 * ({@code __arena}, address space 1), which live inside the object's one
 * {@code BPF_MAP_TYPE_ARENA} map (kernel 6.9) rather than in a data section map. libbpf copies
 * the initial bytes to the end of the arena's mapping and relocates references against the
 * arena map ({@link MapReference.ToArena}). Recognised and modelled; loading is the loader's
 * decision.
 *
 * @param sectionName the ELF section, {@code .addr_space.1}
 * @param mapName the arena map ({@link MapSpec#type()} {@link #BPF_MAP_TYPE_ARENA}) the globals live in
 * @param initialValue the section's bytes (zeros for a {@code SHT_NOBITS} section)
 * @param variables the variables, by offset
 */
public record ArenaSpec(String sectionName, String mapName, byte[] initialValue, List<VariableSpec> variables) {

    /** {@code BPF_MAP_TYPE_ARENA} ({@code include/uapi/linux/bpf.h}, kernel 6.9). */
    public static final int BPF_MAP_TYPE_ARENA = 33;

    /** Copies the mutable parts. */
    public ArenaSpec {
        Objects.requireNonNull(sectionName, "sectionName");
        Objects.requireNonNull(mapName, "mapName");
        initialValue = initialValue.clone();
        variables = List.copyOf(variables);
    }

    /** {@return the size of the globals in bytes} */
    public int size() {
        return initialValue.length;
    }

    /** {@return a copy of the initial bytes} */
    @Override
    public byte[] initialValue() {
        return initialValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArenaSpec a && sectionName.equals(a.sectionName) && mapName.equals(a.mapName)
                && Arrays.equals(initialValue, a.initialValue) && variables.equals(a.variables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sectionName, mapName, Arrays.hashCode(initialValue), variables);
    }

    @Override
    public String toString() {
        return "ArenaSpec[section=" + sectionName + ", map=" + mapName + ", size=" + initialValue.length
                + ", variables=" + variables + "]";
    }
}
