package io.bpf4j.btf;

import java.util.Objects;

/**
 * One {@code struct bpf_core_relo} record of {@code .BTF.ext} ({@code linux/bpf.h}): an
 * instruction whose immediate or offset depends on the target kernel's types.
 *
 * @param insnOffset the instruction; in an object file, in bytes from the start of its ELF section
 * @param typeId the local root type id in the object's {@code .BTF}
 * @param accessString the access specification, e.g. "0:1" (field 1 of the root struct), read
 *     from the object's string section
 * @param kind what is asked for
 */
public record CoreRelocationRecord(int insnOffset, int typeId, String accessString, CoreRelocationKind kind) {
    /** Creates the record; access string and kind must not be null. */
    public CoreRelocationRecord {
        Objects.requireNonNull(accessString, "accessString");
        Objects.requireNonNull(kind, "kind");
    }
}
