package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidate target types of local types, for one target BTF (libbpf's
 * {@code bpf_core_find_cands}): every named target type whose essential name equals the local
 * type's essential name and whose kind is the same (enum and enum64 mix), in ascending id order.
 *
 * <p>Exact names come from the target's own lazy name index. Target names that carry a flavor
 * themselves (rare: bpftool writes {@code ___2} for clashing names) are found by one scan of the
 * target's names, done on the first search. Answers are cached per (essential name, kind), and
 * one index is shared per target BTF (weakly, so a dropped BTF is not kept alive): the kernel's
 * BTF is scanned once per process.
 */
public final class CandidateIndex {
    private static final Map<Btf, CandidateIndex> BY_TARGET = Collections.synchronizedMap(new WeakHashMap<>());

    private final Btf target;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    private volatile Map<String, int[]> flavoredByEssentialName;

    private CandidateIndex(Btf target) {
        this.target = target;
    }

    /** {@return the index of a target BTF, created on first use} */
    public static CandidateIndex of(Btf target) {
        return BY_TARGET.computeIfAbsent(target, CandidateIndex::new);
    }

    /** {@return the target BTF} */
    public Btf target() {
        return target;
    }

    /**
     * Lists the candidates of a local type.
     *
     * @param localName the local type's name (not empty)
     * @param localKind the local type's kind
     * @return the candidate ids, ascending (a fresh array)
     */
    public int[] candidates(String localName, BtfKind localKind) {
        String essential = EssentialName.of(localName);
        // ENUM and ENUM64 share one answer: their candidates are the same set.
        BtfKind group = localKind == BtfKind.ENUM64 ? BtfKind.ENUM : localKind;
        int[] ids = cache.computeIfAbsent(group.name() + ' ' + essential, k -> search(essential, group));
        return ids.clone();
    }

    private int[] search(String essential, BtfKind kind) {
        int[] exact = target.findAllByName(essential);
        int[] flavored = flavored().getOrDefault(essential, new int[0]);
        int[] all = Arrays.copyOf(exact, exact.length + flavored.length);
        System.arraycopy(flavored, 0, all, exact.length, flavored.length);
        Arrays.sort(all);
        int n = 0;
        for (int id : all) {
            if (BtfTypes.kindsCompatible(target.kind(id), kind)) {
                all[n++] = id;
            }
        }
        return Arrays.copyOf(all, n);
    }

    private Map<String, int[]> flavored() {
        Map<String, int[]> m = flavoredByEssentialName;
        if (m == null) {
            synchronized (this) {
                m = flavoredByEssentialName;
                if (m == null) {
                    m = scanFlavoredNames();
                    flavoredByEssentialName = m;
                }
            }
        }
        return m;
    }

    private Map<String, int[]> scanFlavoredNames() {
        Map<String, List<Integer>> found = new HashMap<>();
        for (int id = 1; id < target.typeCount(); id++) {
            String name = target.name(id);
            if (name.indexOf("___") >= 0 && EssentialName.hasFlavor(name)) {
                found.computeIfAbsent(EssentialName.of(name), k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, int[]> out = new HashMap<>();
        found.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
