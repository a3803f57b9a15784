package io.bpf4j.loader.internal;

import java.util.Objects;

/**
 * An instruction the loader deliberately made invalid because something it
 * needed was missing (a CO-RE relocation that did not resolve, a weak kfunc
 * the kernel lacks), so that the program loads only if the verifier proves
 * the instruction dead. When the verifier rejects the program anyway, {@link
 * VerifierLogRewriter} replaces the instruction's line in the verifier log
 * with {@link #description()}.
 *
 * @param instructionIndex the instruction's index in the program as loaded,
 *                         counted in 8-byte slots (an {@code ld_imm64} takes
 *                         two), which is how the verifier numbers log lines
 * @param description      what was missing, one line for a human, libbpf's
 *                         wording: {@code failed to resolve CO-RE relocation
 *                         <byte_off> [7] struct task_struct___x.no_such_field
 *                         (0:1 @ offset 8)} or {@code kfunc 'bpf_foo' is
 *                         referenced but wasn't resolved}; it replaces the
 *                         verifier's {@code invalid func unknown#N} line
 */
public record PoisonedInstruction(int instructionIndex, String description) {
    /** Checks the index is non-negative and the description present. */
    public PoisonedInstruction {
        if (instructionIndex < 0) {
            throw new IllegalArgumentException("negative instruction index " + instructionIndex);
        }
        Objects.requireNonNull(description, "description");
        if (description.contains("\n")) {
            throw new IllegalArgumentException("description must be one line: " + description);
        }
    }
}
