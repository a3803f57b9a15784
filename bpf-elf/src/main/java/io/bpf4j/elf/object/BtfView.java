package io.bpf4j.elf.object;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfType;
import io.bpf4j.elf.ElfFormatException;

/**
 * The object's BTF, read so that any inconsistency (a dangling id, a type without size) ends
 * in an {@link ElfFormatException} naming the object and its {@code .BTF} section.
 */
final class BtfView {
    final Btf btf;
    private final String origin;

    BtfView(Btf btf, String origin) {
        this.btf = btf;
        this.origin = origin;
    }

    BtfType type(int id, String what) {
        try {
            return btf.type(id);
        } catch (IllegalArgumentException | BtfFormatException e) {
            throw new ElfFormatException(origin, ".BTF", 0, what + ": bad BTF type id " + id, e);
        }
    }

    BtfType resolved(int id, String what) {
        try {
            return btf.type(btf.resolve(id));
        } catch (IllegalArgumentException | BtfFormatException e) {
            throw new ElfFormatException(origin, ".BTF", 0, what + ": bad BTF type id " + id, e);
        }
    }

    long sizeOf(int id, String what) {
        try {
            return btf.sizeOf(id);
        } catch (IllegalArgumentException | BtfFormatException e) {
            throw new ElfFormatException(origin, ".BTF", 0, what + ": BTF type " + id + " has no size", e);
        }
    }

    ElfFormatException error(String problem) {
        return new ElfFormatException(origin, ".BTF", 0, problem);
    }
}
