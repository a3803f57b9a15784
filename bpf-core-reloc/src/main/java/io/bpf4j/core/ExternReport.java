package io.bpf4j.core;

import io.bpf4j.elf.object.ExternKind;
import java.util.Objects;

/**
 * One extern of an object in an offline {@link CoreReport}.
 *
 * @param name the symbol's name
 * @param kind kconfig, ksym variable or kfunc
 * @param weak whether it is {@code __weak} (may stay unresolved and read 0)
 * @param status found or missing in the target's BTF, or resolved only at load
 * @param targetTypeId the id of the VAR or FUNC in the target BTF when found, else 0
 */
public record ExternReport(String name, ExternKind kind, boolean weak, ExternStatus status, int targetTypeId) {
    /** Checks that nothing is null. */
    public ExternReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /** {@return whether a load against the target must fail on this extern (missing and not weak)} */
    public boolean fatal() {
        return status == ExternStatus.MISSING && !weak;
    }

    /** {@return e.g. "bpf_task_acquire (FUNCTION, weak): FOUND [12345]"} */
    @Override
    public String toString() {
        return name + " (" + kind + (weak ? ", weak" : "") + "): " + status
                + (status == ExternStatus.FOUND ? " [" + targetTypeId + "]" : "");
    }
}
