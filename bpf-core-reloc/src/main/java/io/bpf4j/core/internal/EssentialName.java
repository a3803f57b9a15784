package io.bpf4j.core.internal;

/**
 * The "essential" part of a CO-RE name: everything before the last {@code ___flavor} suffix.
 * {@code task_struct___old} and {@code task_struct} are candidates for each other; so are the
 * enumerators {@code PIDTYPE_SID___mine} and {@code PIDTYPE_SID}. A separator is exactly three
 * underscores between two characters that are not underscores (libbpf's
 * {@code bpf_core_essential_name_len}), so {@code a____b} has no flavor.
 */
public final class EssentialName {
    private EssentialName() {
    }

    /**
     * Returns the length of the essential part of a name.
     *
     * @param name a type, field or enumerator name
     * @return the length of the prefix before the last flavor separator, or the whole length
     */
    public static int length(String name) {
        for (int i = name.length() - 5; i >= 0; i--) {
            if (isSeparatorAt(name, i)) {
                return i + 1;
            }
        }
        return name.length();
    }

    /**
     * Returns the essential part of a name.
     *
     * @param name a type, field or enumerator name
     * @return the name without its flavor suffix
     */
    public static String of(String name) {
        return name.substring(0, length(name));
    }

    /** {@return whether a name has a flavor suffix} */
    public static boolean hasFlavor(String name) {
        return length(name) != name.length();
    }

    /** {@return whether two names are equal once flavors are dropped} */
    public static boolean matches(String a, String b) {
        int la = length(a);
        return la == length(b) && a.regionMatches(0, b, 0, la);
    }

    // "X___Y" where X and Y are not underscores: position i is X.
    private static boolean isSeparatorAt(String s, int i) {
        return s.charAt(i) != '_' && s.charAt(i + 1) == '_' && s.charAt(i + 2) == '_'
                && s.charAt(i + 3) == '_' && s.charAt(i + 4) != '_';
    }
}
