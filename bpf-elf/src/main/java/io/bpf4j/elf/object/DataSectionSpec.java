package io.bpf4j.elf.object;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A global data section ({@code .data}, {@code .rodata}, {@code .bss}, {@code .data.foo},
 * {@code .rodata.str1.1} ...). The loader backs each with a one-element
 * {@code BPF_MAP_TYPE_ARRAY} (key 4 bytes, value {@link #size()}, {@code BPF_F_MMAPABLE}, and
 * {@code BPF_F_RDONLY_PROG} for {@link DataSectionKind#RODATA}) named by
 * {@link #kernelMapName(String)}.
 *
 * @param name the ELF section name
 * @param kind data, read-only data or zero-initialized data
 * @param initialValue the section's bytes (zeros for {@code .bss}); copied on the way in and out
 * @param size the section's size in bytes
 * @param btfDatasecId the id of the section's {@code DATASEC} in the object's BTF, 0 if none
 *     (string literal sections have none)
 * @param variables the variables, by offset
 */
public record DataSectionSpec(String name, DataSectionKind kind, byte[] initialValue, int size, int btfDatasecId,
        List<VariableSpec> variables) {

    /** Copies the mutable parts and validates. */
    public DataSectionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        initialValue = initialValue.clone();
        variables = List.copyOf(variables);
        if (initialValue.length != size) {
            throw new IllegalArgumentException("initial value of " + name + " has " + initialValue.length
                    + " bytes, size is " + size);
        }
    }

    /** {@return a copy of the section's initial bytes} */
    @Override
    public byte[] initialValue() {
        return initialValue.clone();
    }

    /** {@return true if programs may not write the section ({@code .rodata*})} */
    public boolean readOnly() {
        return kind == DataSectionKind.RODATA;
    }

    /**
     * The name of the kernel map that backs this section, made as libbpf's
     * {@code internal_map_name()} does so that tools see the same names: a section with a
     * single dot ({@code .rodata}) is prefixed with as much of the object name as fits in the
     * kernel's 15 characters ({@code "bootstra.rodata"}); a section with more dots
     * ({@code .data.foo}, {@code .rodata.str1.1}) keeps its own name. The result is cut to 15
     * characters and characters other than letters, digits, '_' and '.' become '_'.
     *
     * @param objectName the object's name ({@link ObjectSpec#name()})
     * @return the map name, at most 15 characters
     */
    public String kernelMapName(String objectName) {
        final int maxName = KernelObjectNames.MAX_LENGTH;
        int suffix = Math.max(7, name.length());
        int prefix = name.indexOf('.', 1) >= 0 ? 0 : Math.max(0, Math.min(maxName - suffix, objectName.length()));
        return KernelObjectNames.sanitize(objectName.substring(0, prefix)
                + name.substring(0, Math.min(name.length(), suffix)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSectionSpec d && name.equals(d.name) && kind == d.kind
                && Arrays.equals(initialValue, d.initialValue) && size == d.size && btfDatasecId == d.btfDatasecId
                && variables.equals(d.variables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(initialValue), size, btfDatasecId, variables);
    }

    @Override
    public String toString() {
        return "DataSectionSpec[name=" + name + ", kind=" + kind + ", size=" + size + ", btfDatasecId="
                + btfDatasecId + ", variables=" + variables + "]";
    }
}
