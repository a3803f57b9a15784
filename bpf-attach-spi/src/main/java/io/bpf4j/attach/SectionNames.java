package io.bpf4j.attach;

/**
 * Section-name matching shared by {@link AttachPlugin} and its implementations.
 */
public final class SectionNames {

    private SectionNames() {
    }

    /**
     * {@return whether {@code sectionName} is {@code prefix} itself or starts with
     * {@code prefix + "/"}}
     *
     * @param sectionName a section name
     * @param prefix a claimed prefix, without a trailing slash
     */
    public static boolean hasPrefix(String sectionName, String prefix) {
        if (!sectionName.startsWith(prefix)) {
            return false;
        }
        return sectionName.length() == prefix.length() || sectionName.charAt(prefix.length()) == '/';
    }

    /**
     * {@return what follows {@code prefix + "/"} in {@code sectionName}, or the empty string for
     * the bare prefix}
     *
     * @param sectionName a section name that {@linkplain #hasPrefix has} the prefix
     * @param prefix the prefix
     * @throws IllegalArgumentException if the section does not have the prefix
     */
    public static String target(String sectionName, String prefix) {
        if (!hasPrefix(sectionName, prefix)) {
            throw new IllegalArgumentException("section " + sectionName + " does not start with " + prefix);
        }
        return sectionName.length() == prefix.length() ? "" : sectionName.substring(prefix.length() + 1);
    }

    /**
     * {@return the longest prefix of {@code prefixes} that {@code sectionName} has, or null}
     *
     * @param sectionName a section name
     * @param prefixes candidate prefixes
     */
    public static String longestPrefix(String sectionName, Iterable<String> prefixes) {
        String best = null;
        for (String prefix : prefixes) {
            if (hasPrefix(sectionName, prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best;
    }

    /**
     * {@return the longest prefix of {@code prefixes} that {@code sectionName} has}
     *
     * @param sectionName a section name a plugin was handed
     * @param prefixes    the plugin's prefixes
     * @param kind        what such a section is, with its article ("a kprobe"), for the message
     * @throws AttachException when the section has none of them
     */
    public static String requiredPrefix(String sectionName, Iterable<String> prefixes, String kind) {
        String prefix = longestPrefix(sectionName, prefixes);
        if (prefix == null) {
            throw new AttachException("section '" + sectionName + "' is not " + kind + " section");
        }
        return prefix;
    }
}
