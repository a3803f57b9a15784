package io.bpf4j.syscall;

/**
 * What {@link Bpf#progQuery} found attached to a target ({@code BPF_PROG_QUERY}).
 *
 * @param attachFlags the flags the programs were attached with (cgroups), else 0
 * @param programIds the attached programs' ids, in run order
 * @param revision the target's revision (tcx and cgroups, 6.6+; 0 elsewhere)
 */
public record ProgQueryResult(int attachFlags, int[] programIds, long revision) {
    /** Copies the ids. */
    public ProgQueryResult {
        programIds = programIds.clone();
    }

    /** {@return a copy of the program ids} */
    @Override
    public int[] programIds() {
        return programIds.clone();
    }

    /** {@return whether a program of that id is attached} */
    public boolean contains(int programId) {
        for (int id : programIds) {
            if (id == programId) {
                return true;
            }
        }
        return false;
    }
}
