package io.bpf4j.core;

import java.util.List;
import java.util.Objects;

/**
 * The CO-RE relocations of one program of an object, as an offline {@link CoreReport} sees
 * them against a target BTF.
 *
 * @param name the program's name
 * @param sectionName its {@code SEC()} name
 * @param relocations one entry per CO-RE record, in record order
 */
public record ProgramReport(String name, String sectionName, List<RelocationReport> relocations) {
    /** Copies the list. */
    public ProgramReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectionName, "sectionName");
        relocations = List.copyOf(relocations);
    }

    /**
     * {@return whether the program would load as far as CO-RE can tell: no ambiguous or invalid
     * relocation (poisoned ones load if unreachable, which only the verifier knows)}
     */
    public boolean relocatable() {
        return relocations.stream().allMatch(r -> r.status() == RelocationStatus.RESOLVED
                || r.status() == RelocationStatus.POISONED);
    }
}
