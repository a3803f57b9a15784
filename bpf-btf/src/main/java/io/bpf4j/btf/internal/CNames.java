package io.bpf4j.btf.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.HashMap;
import java.util.Map;

/**
 * The C names a dump gives to BTF types. C has two name spaces that matter here: tags
 * ({@code struct}/{@code union}/{@code enum}) and ordinary identifiers (typedefs, enumerators).
 * BTF may hold several types of one name (different definitions from different compilation units
 * that deduplication kept apart); in each name space the first one dumped keeps the name and the
 * N-th gets {@code name___N}, the convention of libbpf's {@code btf_dump} (and so of bpftool), which
 * CO-RE understands: a {@code ___suffix} is ignored when matching names against the kernel.
 */
final class CNames {
    private final Btf btf;
    private final Map<String, Integer> tagCounts = new HashMap<>();
    private final Map<String, Integer> identCounts = new HashMap<>();
    private final Map<Integer, String> resolved = new HashMap<>();

    CNames(Btf btf) {
        this.btf = btf;
    }

    /** {@return the tag of a named struct, union, enum or forward declaration, deduplicated} */
    String tag(int id) {
        String cached = resolved.get(id);
        if (cached != null) {
            return cached;
        }
        String raw = btf.name(id);
        BtfKind kind = btf.kind(id);
        // A forward declaration or an empty enum defines nothing, so it never needs its own name:
        // it names whichever definition carries the plain name.
        boolean definesNothing = kind == BtfKind.FWD
                || ((kind == BtfKind.ENUM || kind == BtfKind.ENUM64) && valueCount(btf.type(id)) == 0);
        String name = definesNothing ? raw : unique(tagCounts, raw);
        resolved.put(id, name);
        return name;
    }

    /** {@return the name of a typedef, deduplicated among identifiers} */
    String ident(int id) {
        String cached = resolved.get(id);
        if (cached != null) {
            return cached;
        }
        String name = unique(identCounts, btf.name(id));
        resolved.put(id, name);
        return name;
    }

    /** {@return an enumerator's name, deduplicated among identifiers (each call is a new enumerator)} */
    String enumerator(String raw) {
        return unique(identCounts, raw);
    }

    private static int valueCount(BtfType t) {
        if (t instanceof BtfType.Enum e) {
            return e.values().size();
        }
        if (t instanceof BtfType.Enum64 e) {
            return e.values().size();
        }
        return -1;
    }

    private static String unique(Map<String, Integer> counts, String raw) {
        int n = counts.merge(raw, 1, Integer::sum);
        return n == 1 ? raw : raw + "___" + n;
    }
}
