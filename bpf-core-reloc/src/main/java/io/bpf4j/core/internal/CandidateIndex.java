package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidate target types of local types, for one target BTF (libbpf's
 * {@code bpf_core_find_cands}): every named target type whose essential name equals the local
 * type's essential name and whose kind is the same (enum and enum64 mix), in ascending id order.
 *
 * <p>Names come from the target's lazy name index, which is keyed by essential name
 * ({@link Btf#findAllByEssentialName}): target names that carry a flavor themselves (rare:
 * bpftool writes {@code ___2} for clashing names) are found in the same lookup. Answers are cached per (essential name, kind), and
 * one index is shared per target BTF (weakly, so a dropped BTF is not kept alive): the kernel's
 * BTF is scanned once per process.
 */
public final class CandidateIndex {
    private static final Map<Btf, CandidateIndex> BY_TARGET = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Btf, CandidateIndex> BY_MODULE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Btf target;
    private final boolean ownTypesOnly;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    /** Local BTFs whose names were looked up already. */
    private final Map<Btf, Boolean> prefetched = Collections.synchronizedMap(new WeakHashMap<>());
    /** Ids by essential name, of any kind: what the target's name lookups answered. */
    private final Map<String, int[]> byEssentialName = new ConcurrentHashMap<>();

    private CandidateIndex(Btf target, boolean ownTypesOnly) {
        this.target = target;
        this.ownTypesOnly = ownTypesOnly;
    }

    /** {@return the index of a target BTF (all its types, a base's included), created on first use} */
    public static CandidateIndex of(Btf target) {
        return BY_TARGET.computeIfAbsent(target, t -> new CandidateIndex(t, false));
    }

    /**
     * {@return the index of a kernel module's split BTF over only the module's own types}: libbpf
     * searches a module from the first id after vmlinux's, vmlinux having been searched already
     */
    public static CandidateIndex ofModule(Btf module) {
        return BY_MODULE.computeIfAbsent(module, t -> new CandidateIndex(t, true));
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

    /**
     * Looks up, in one go, every named type of a program's own BTF that CO-RE could ask about
     * (structs, unions, enums, typedefs, ints, floats, forward declarations): the first program of
     * an object pays one pass over the target for all of the object's programs. Done once per
     * local BTF.
     *
     * @param localBtf an object's BTF
     */
    public void prefetch(Btf localBtf) {
        if (prefetched.containsKey(localBtf)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int id = 1; id < localBtf.typeCount(); id++) {
            switch (localBtf.kind(id)) {
                case STRUCT, UNION, ENUM, ENUM64, TYPEDEF, INT, FLOAT, FWD -> names.add(localBtf.name(id));
                default -> { }
            }
        }
        prefetch(names);
        prefetched.put(localBtf, Boolean.TRUE);
    }

    /**
     * Looks up, in one go, the essential names of local types that later {@link #candidates}
     * calls will ask for: on a target whose name index is not built yet, one pass over its types
     * answers them all ({@link Btf#findAllByEssentialNames}).
     *
     * @param localNames local type names (flavored or not; empty ones are ignored)
     */
    public void prefetch(Collection<String> localNames) {
        Set<String> missing = new LinkedHashSet<>();
        for (String name : localNames) {
            if (!name.isEmpty()) {
                String essential = EssentialName.of(name);
                if (!byEssentialName.containsKey(essential)) {
                    missing.add(essential);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String[] names = missing.toArray(new String[0]);
        int[][] ids = ownTypesOnly ? target.findOwnByEssentialNames(names) : target.findAllByEssentialNames(names);
        for (int i = 0; i < names.length; i++) {
            byEssentialName.putIfAbsent(names[i], ids[i]);
        }
    }

    private int[] search(String essential, BtfKind kind) {
        int[] all = byEssentialName.computeIfAbsent(essential, e -> ownTypesOnly
                ? target.findOwnByEssentialName(e) : target.findAllByEssentialName(e)).clone();
        int n = 0;
        for (int id : all) {
            if (BtfTypes.kindsCompatible(target.kind(id), kind)) {
                all[n++] = id;
            }
        }
        return Arrays.copyOf(all, n);
    }
}
