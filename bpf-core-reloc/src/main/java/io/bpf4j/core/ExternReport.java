package io.bpf4j.core;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import io.bpf4j.core.internal.BtfTypes;
import io.bpf4j.core.internal.EssentialName;
import io.bpf4j.core.internal.InvalidRelocationException;
import io.bpf4j.core.internal.TypeCompatibility;
import io.bpf4j.elf.object.ExternKind;
import io.bpf4j.elf.object.ExternSpec;
import java.util.Objects;

/**
 * One extern of an object in an offline {@link CoreReport}.
 *
 * @param name the symbol's name
 * @param kind kconfig, ksym variable or kfunc
 * @param weak whether it is {@code __weak} (may stay unresolved and read 0)
 * @param status found, missing or of an incompatible type in the target's BTF, or resolved only at load
 * @param targetTypeId the id of the VAR or FUNC in the target BTF when found (compatible or not), else 0
 */
public record ExternReport(String name, ExternKind kind, boolean weak, ExternStatus status, int targetTypeId) {
    /** Checks that nothing is null. */
    public ExternReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Looks one extern up in a target BTF the way libbpf resolves typed externs at load
     * ({@code bpf_object__resolve_ksym_var_btf_id}, {@code bpf_object__resolve_ksym_func_btf_id}):
     * a typed {@code __ksym} variable by its name among the target's VARs, a kfunc by its
     * essential name (without a {@code ___flavor} suffix) among the FUNCs; then the types must be
     * compatible as {@code bpf_core_types_are_compat} says: the variable's type (typedefs and
     * modifiers skipped) against the kernel variable's, the kfunc's prototype against the
     * kernel's (same arity, compatible parameters and return type). The loader uses this for
     * vmlinux and each module's BTF, so the offline report and a load decide alike.
     *
     * @param extern the extern, as the object declares it
     * @param objectBtf the object's BTF (where {@link ExternSpec#btfTypeId()} points)
     * @param target the BTF to look in
     * @return the report; {@link ExternStatus#RESOLVED_AT_LOAD} for kconfig and untyped ksyms
     */
    public static ExternReport against(ExternSpec extern, Btf objectBtf, Btf target) {
        BtfKind kind = switch (extern.kind()) {
            case KSYM -> extern.typed() ? BtfKind.VAR : null;
            case FUNCTION -> BtfKind.FUNC;
            case KCONFIG -> null;
        };
        if (kind == null) {
            return new ExternReport(extern.name(), extern.kind(), extern.weak(), ExternStatus.RESOLVED_AT_LOAD, 0);
        }
        String name = kind == BtfKind.FUNC ? EssentialName.of(extern.name()) : extern.name();
        int id = target.findByName(name, kind);
        if (id <= 0) {
            return new ExternReport(extern.name(), extern.kind(), extern.weak(), ExternStatus.MISSING, 0);
        }
        boolean compatible = objectBtf == null || compatible(objectBtf, extern.btfTypeId(), target, id);
        return new ExternReport(extern.name(), extern.kind(), extern.weak(),
                compatible ? ExternStatus.FOUND : ExternStatus.INCOMPATIBLE, id);
    }

    /** The VAR's types, or the FUNC's prototypes, as libbpf compares them. */
    private static boolean compatible(Btf local, int localId, Btf target, int targetId) {
        BtfType l = local.type(localId);
        BtfType t = target.type(targetId);
        int localType;
        int targetType;
        if (l instanceof BtfType.Var lv && t instanceof BtfType.Var tv) {
            localType = BtfTypes.skipModsAndTypedefs(local, lv.type());
            targetType = BtfTypes.skipModsAndTypedefs(target, tv.type());
        } else if (l instanceof BtfType.Func lf && t instanceof BtfType.Func tf) {
            localType = lf.type();
            targetType = tf.type();
        } else {
            return false;
        }
        try {
            return TypeCompatibility.typesCompatible(local, localType, target, targetType);
        } catch (InvalidRelocationException e) {
            return false; // nested deeper than libbpf's limit: libbpf refuses too
        }
    }

    /**
     * {@return whether a load against the target must fail on this extern: missing and not
     * weak, or found with an incompatible type (a variable always; a kfunc unless weak, which
     * then counts as absent)}
     */
    public boolean fatal() {
        return switch (status) {
            case MISSING -> !weak;
            case INCOMPATIBLE -> kind != ExternKind.FUNCTION || !weak;
            default -> false;
        };
    }

    /** {@return e.g. "bpf_task_acquire (FUNCTION, weak): FOUND [12345]"} */
    @Override
    public String toString() {
        return name + " (" + kind + (weak ? ", weak" : "") + "): " + status
                + (status == ExternStatus.FOUND ? " [" + targetTypeId + "]" : "");
    }
}
