package io.bpf4j.core.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.CoreRelocationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CO-RE access resolved against one BTF: libbpf's {@code bpf_core_spec}. The raw steps are the
 * access string's numbers, one per level including anonymous members; the {@link Accessor}s keep
 * only the meaningful ones (named fields and indices), which is what is matched by name in the
 * target. Type-based relocations have neither.
 *
 * <p>Mutable while a parser or matcher builds it; callers treat finished specs as values.
 */
public final class AccessSpec {
    /** libbpf's {@code BPF_CORE_SPEC_MAX_LEN}: deeper nesting is refused. */
    public static final int MAX_LENGTH = 64;

    private final Btf btf;
    private final int rootTypeId;
    private final CoreRelocationKind kind;
    private final List<Accessor> accessors = new ArrayList<>();
    private int[] raw = new int[8];
    private int rawLength;
    private long bitOffset;

    /**
     * Creates an empty spec.
     *
     * @param btf the BTF the ids refer to
     * @param rootTypeId the root type (the relocation's type, or a candidate)
     * @param kind the relocation kind
     */
    public AccessSpec(Btf btf, int rootTypeId, CoreRelocationKind kind) {
        this.btf = btf;
        this.rootTypeId = rootTypeId;
        this.kind = kind;
    }

    /** {@return the BTF the ids refer to} */
    public Btf btf() {
        return btf;
    }

    /** {@return the root type id} */
    public int rootTypeId() {
        return rootTypeId;
    }

    /** {@return the relocation kind} */
    public CoreRelocationKind kind() {
        return kind;
    }

    /** {@return the meaningful steps, unmodifiable} */
    public List<Accessor> accessors() {
        return List.copyOf(accessors);
    }

    /** {@return the number of meaningful steps} */
    public int length() {
        return accessors.size();
    }

    /** {@return one meaningful step} */
    public Accessor accessor(int i) {
        return accessors.get(i);
    }

    /** {@return the last meaningful step} */
    public Accessor lastAccessor() {
        return accessors.get(accessors.size() - 1);
    }

    /** {@return the raw steps (the access string's numbers), a copy} */
    public int[] raw() {
        return Arrays.copyOf(raw, rawLength);
    }

    /** {@return the number of raw steps} */
    public int rawLength() {
        return rawLength;
    }

    /** {@return the offset of the accessed field or element from the root, in bits} */
    public long bitOffset() {
        return bitOffset;
    }

    void addAccessor(Accessor a) {
        accessors.add(a);
    }

    void removeLastAccessor() {
        accessors.remove(accessors.size() - 1);
    }

    void pushRaw(int step) {
        if (rawLength == MAX_LENGTH) {
            throw new InvalidRelocationException("access nests deeper than " + MAX_LENGTH + " levels");
        }
        if (rawLength == raw.length) {
            raw = Arrays.copyOf(raw, raw.length * 2);
        }
        raw[rawLength++] = step;
    }

    void popRaw() {
        rawLength--;
    }

    void addBits(long bits) {
        bitOffset += bits;
    }

    /**
     * Describes the access in C terms: {@code struct task_struct.comm[3]},
     * {@code enum pid_type::PIDTYPE_TGID}, or {@code struct task_struct} for type relocations.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(BtfTypes.describe(btf, rootTypeId));
        if (kind.isEnumValueBased()) {
            if (!accessors.isEmpty()) {
                sb.append("::").append(accessors.get(0).name());
            }
            return sb.toString();
        }
        if (kind.isFieldBased()) {
            for (int i = 0; i < accessors.size(); i++) {
                Accessor a = accessors.get(i);
                if (!a.isIndex()) {
                    sb.append('.').append(a.name());
                } else if (i > 0 || a.index() > 0) {
                    sb.append('[').append(Integer.toUnsignedLong(a.index())).append(']');
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        if (kind.isFieldBased()) {
            sb.append(" (");
            for (int i = 0; i < rawLength; i++) {
                sb.append(i == 0 ? "" : ":").append(raw[i]);
            }
            sb.append(" @ bit ").append(bitOffset).append(')');
        }
        return sb.toString();
    }
}
