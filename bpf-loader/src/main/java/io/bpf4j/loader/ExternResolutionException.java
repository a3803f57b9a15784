package io.bpf4j.loader;

import java.util.Objects;
import java.util.Optional;

/**
 * An extern symbol of an object ({@code __kconfig} variable, {@code __ksym} variable or kfunc)
 * could not be resolved against the running kernel at {@link BpfObject#load()}, or could not be
 * given a value: missing and not {@code __weak}, of a type the kernel's does not match, a
 * configuration value that does not fit, a kind bpf4j does not know. Like libbpf, a weak extern
 * that is missing is not an error (it reads as zero, and a call of a missing weak kfunc is
 * poisoned). Thrown before anything is loaded or after everything created was released.
 */
public final class ExternResolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String objectName;
    private final String externName;
    private final String programName;
    private final String reason;

    /**
     * @param objectName  the object's name
     * @param externName  the extern's name
     * @param programName the first program using it, or null when none does (or it is not about one program)
     * @param reason      what went wrong, for a human
     */
    public ExternResolutionException(String objectName, String externName, String programName, String reason) {
        super("extern '" + externName + "'" + (programName != null ? " of program '" + programName + "'" : "")
                + " in " + objectName + ": " + reason);
        this.objectName = Objects.requireNonNull(objectName, "objectName");
        this.externName = Objects.requireNonNull(externName, "externName");
        this.programName = programName;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return the object's name} */
    public String objectName() {
        return objectName;
    }

    /** {@return the extern's name} */
    public String externName() {
        return externName;
    }

    /** {@return what went wrong, without the names} */
    public String reason() {
        return reason;
    }

    /** {@return the first program that uses the extern, if one does} */
    public Optional<String> programName() {
        return Optional.ofNullable(programName);
    }
}
