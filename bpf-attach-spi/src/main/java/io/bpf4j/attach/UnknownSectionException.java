package io.bpf4j.attach;

import java.util.List;

/**
 * No {@link AttachPlugin} claims a section name.
 */
public final class UnknownSectionException extends AttachException {

    private static final long serialVersionUID = 1L;

    private final String sectionName;

    /**
     * Creates an exception.
     *
     * @param sectionName the section nobody claims
     * @param knownPrefixes the prefixes the registered plugins claim, listed in the message
     */
    public UnknownSectionException(String sectionName, List<String> knownPrefixes) {
        super("no attach plugin claims section '" + sectionName + "' (known prefixes: "
                + String.join(", ", knownPrefixes)
                + "; a third-party plugin is added with ServiceLoader, see io.bpf4j.attach)");
        this.sectionName = sectionName;
    }

    /** {@return the section nobody claims} */
    public String sectionName() {
        return sectionName;
    }
}
