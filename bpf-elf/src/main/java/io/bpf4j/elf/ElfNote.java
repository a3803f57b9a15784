package io.bpf4j.elf;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One entry of a note section ({@code SHT_NOTE}): an owner name, a type and a descriptor whose
 * meaning the owner defines. Systemtap's USDT probes are notes of owner {@code "stapsdt"} and
 * type 3 in {@code .note.stapsdt}; the GNU build id is owner {@code "GNU"}, type 3 in
 * {@code .note.gnu.build-id}.
 *
 * @param name the owner name, without its terminating NUL
 * @param type {@code n_type}, meaningful only together with the owner name
 * @param descriptor the descriptor bytes (read-only, in the file's byte order)
 * @param offset where the note's header starts, relative to the start of its section
 */
public record ElfNote(String name, int type, ByteBuffer descriptor, long offset) {

    /** Validates the components and keeps a read-only view of the descriptor. */
    public ElfNote {
        Objects.requireNonNull(name, "name");
        descriptor = descriptor.asReadOnlyBuffer().order(descriptor.order());
    }

    /** {@return a fresh read-only view of the descriptor, positioned at its start} */
    @Override
    public ByteBuffer descriptor() {
        return descriptor.duplicate().order(descriptor.order());
    }

    /** {@return the descriptor's size in bytes} */
    public int descriptorSize() {
        return descriptor.remaining();
    }
}
