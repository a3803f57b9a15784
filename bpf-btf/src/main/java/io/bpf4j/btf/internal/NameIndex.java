package io.bpf4j.btf.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Type ids by name for one table (anonymous types left out), built in one pass on first use. */
public final class NameIndex {
    private static final int[] NONE = new int[0];

    private final Map<String, int[]> idsByName;

    private NameIndex(Map<String, int[]> idsByName) {
        this.idsByName = idsByName;
    }

    /** Builds the index of a table's local types. */
    public static NameIndex build(TypeTable t) {
        // Most names are unique: keep a lone id as a one-element array and grow by doubling with the
        // count in slot 0 only when a name repeats, so a pathological input stays linear.
        Map<String, int[]> growing = new HashMap<>(Math.max(16, t.count() * 4 / 3));
        Map<String, Integer> counts = new HashMap<>();
        for (int id = t.firstId(); id < t.endId(); id++) {
            if (t.nameOffset(id) == 0) {
                continue;
            }
            String name = t.name(id);
            if (name.isEmpty()) {
                continue;
            }
            int[] ids = growing.get(name);
            if (ids == null) {
                growing.put(name, new int[] {id});
                continue;
            }
            int n = counts.getOrDefault(name, 1);
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                growing.put(name, ids);
            }
            ids[n] = id;
            counts.put(name, n + 1);
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            growing.put(e.getKey(), Arrays.copyOf(growing.get(e.getKey()), e.getValue()));
        }
        return new NameIndex(growing);
    }

    /** {@return the ids with a name, ascending; empty if none (the array is shared: do not modify)} */
    public int[] ids(String name) {
        return idsByName.getOrDefault(name, NONE);
    }
}
