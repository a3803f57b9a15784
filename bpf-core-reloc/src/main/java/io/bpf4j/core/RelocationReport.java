package io.bpf4j.core;

import io.bpf4j.btf.CoreRelocationKind;
import java.util.Objects;

/**
 * One CO-RE relocation of one program in an offline {@link CoreReport}.
 *
 * @param slot the relocated instruction's slot (8-byte units), libbpf's "insn #N"; -1 if the
 *     record names no instruction
 * @param kind the relocation kind
 * @param localSpec the access over the object's own BTF, e.g. "struct task_struct.pid"; the raw
 *     access string when the relocation is invalid before it could be described
 * @param status resolved, poisoned, ambiguous or invalid
 * @param localValue the value clang computed against the object's BTF (0 unless resolved)
 * @param value the value against the target (0 unless resolved)
 * @param detail what matched in the target ({@link RelocationStatus#RESOLVED}), or why not
 */
public record RelocationReport(int slot, CoreRelocationKind kind, String localSpec, RelocationStatus status, long localValue,
        long value, String detail) {
    /** Checks that nothing is null. */
    public RelocationReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localSpec, "localSpec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@return whether the target moved the value away from what clang compiled} */
    public boolean changed() {
        return status == RelocationStatus.RESOLVED && localValue != value;
    }

    /** {@return e.g. "insn #12 FIELD_BYTE_OFFSET struct task_struct.pid: RESOLVED 2340 -> 2348"} */
    @Override
    public String toString() {
        String what = switch (status) {
            case RESOLVED -> localValue == value ? "RESOLVED " + value : "RESOLVED " + localValue + " -> " + value;
            default -> status + ": " + detail;
        };
        return "insn #" + slot + " " + kind + " " + localSpec + ": " + what;
    }
}
