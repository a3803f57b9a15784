package io.bpf4j.elf.object;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A struct_ops map: a variable of section {@code .struct_ops} (or {@code .struct_ops.link},
 * kernel 6.4, attached through a BPF link) whose type is a kernel operations struct such as
 * {@code tcp_congestion_ops}, with some function pointers set to programs of
 * {@code SEC("struct_ops/...")}. Recognised and modelled; whether it can be loaded is the
 * loader's decision.
 *
 * @param name the variable's name, which libbpf also gives the map
 * @param sectionName {@code .struct_ops} or {@code .struct_ops.link}
 * @param typeName the struct's name in the object's BTF, such as {@code tcp_congestion_ops}
 * @param btfTypeId the struct's id in the object's BTF
 * @param data the variable's initial bytes (non-pointer members, such as {@code name})
 * @param programsByMember for each function pointer member set in the initializer, the name of
 *     the program it points to
 */
public record StructOpsSpec(String name, String sectionName, String typeName, int btfTypeId, byte[] data,
        Map<String, String> programsByMember) {

    /** Copies the mutable parts. */
    public StructOpsSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectionName, "sectionName");
        Objects.requireNonNull(typeName, "typeName");
        data = data.clone();
        programsByMember = Collections.unmodifiableMap(new TreeMap<>(programsByMember));
    }

    /** {@return true for {@code .struct_ops.link}: attached through a BPF link rather than by registration} */
    public boolean link() {
        return sectionName.equals(".struct_ops.link");
    }

    /** {@return a copy of the initial bytes} */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructOpsSpec s && name.equals(s.name) && sectionName.equals(s.sectionName)
                && typeName.equals(s.typeName) && btfTypeId == s.btfTypeId && Arrays.equals(data, s.data)
                && programsByMember.equals(s.programsByMember);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sectionName, typeName, btfTypeId, Arrays.hashCode(data), programsByMember);
    }

    @Override
    public String toString() {
        return "StructOpsSpec[name=" + name + ", section=" + sectionName + ", type=" + typeName + ", programs="
                + programsByMember + "]";
    }
}
