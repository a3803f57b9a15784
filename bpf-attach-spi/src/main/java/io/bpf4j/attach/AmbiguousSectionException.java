package io.bpf4j.attach;

/**
 * Two {@link AttachPlugin}s claim a section name equally specifically.
 */
public final class AmbiguousSectionException extends AttachException {

    private static final long serialVersionUID = 1L;

    private final String sectionName;

    /**
     * Creates an exception.
     *
     * @param sectionName the contested section
     * @param first one claimant
     * @param second the other claimant
     * @param matchLength the length of the prefix both claim it with
     */
    public AmbiguousSectionException(String sectionName, AttachPlugin first, AttachPlugin second, int matchLength) {
        super("section '" + sectionName + "' is claimed equally (prefix length " + matchLength + ") by attach plugins "
                + describe(first) + " and " + describe(second) + "; remove one of them or claim a longer prefix");
        this.sectionName = sectionName;
    }

    private static String describe(AttachPlugin plugin) {
        return plugin.name() + " (" + plugin.getClass().getName() + ")";
    }

    /** {@return the contested section} */
    public String sectionName() {
        return sectionName;
    }
}
