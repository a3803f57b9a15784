package io.bpf4j.loader.internal;

import java.util.Objects;

/**
 * One {@code __kconfig} extern and its place in the {@code .kconfig} map's value.
 *
 * @param name      the symbol, e.g. {@code CONFIG_HZ} or {@code LINUX_KERNEL_VERSION}
 * @param weak      declared {@code __weak}: may stay unset (then zero)
 * @param type      what values it takes
 * @param size      its size in bytes
 * @param alignment its alignment in bytes
 * @param signed    for integers: whether the type is signed (decides the range check)
 * @param offset    its offset in the map's value
 * @param btfVarId  the id of its VAR in the object's BTF
 */
public record KconfigExtern(String name, boolean weak, KconfigType type, int size, int alignment, boolean signed,
        int offset, int btfVarId) {
    /** Checks the name. */
    public KconfigExtern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** {@return e.g. "int, 4 bytes"} */
    public String describeType() {
        return switch (type) {
            case BOOL -> "bool";
            case CHAR -> "char";
            case TRISTATE -> "enum libbpf_tristate";
            case INT -> (signed ? "signed" : "unsigned") + " integer of " + size + " bytes";
            case CHAR_ARRAY -> "char[" + size + "]";
        };
    }
}
