package io.bpf4j.btf.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides how each struct and union must be written in C so that clang (target bpf) lays it out
 * exactly as its BTF says. BTF records offsets and sizes, not the attributes that produced them
 * ({@code __aligned}, {@code __packed}, {@code ____cacheline_aligned}), so the dumper re-creates
 * the layout: it computes where C's natural rules would put each member and
 * <ul>
 * <li>fills a gap before a member or at the end with unnamed bitfields (which, in the SysV ABI
 *     clang follows for BPF, take space but add no alignment);</li>
 * <li>marks the struct {@code __attribute__((packed))} when a member sits below its natural
 *     alignment or the size is not a multiple of the natural alignment;</li>
 * <li>gives a union {@code __attribute__((aligned(N)))} when its size exceeds what its members
 *     need (a union cannot be padded with members).</li>
 * </ul>
 * Alignments are those of what is emitted (a packed struct aligns to 1), so containers are laid
 * out against the same C the compiler will see.
 */
final class CLayout {
    /** Member-by-value nesting deeper than this is not real C: a cycle or hostile input. */
    static final int MAX_DEPTH = 256;
    /** clang's builtin va_list type, which the dump uses by name and never defines. */
    static final String BUILTIN_VA_LIST = "__builtin_va_list";
    /** {@code sizeof(__builtin_va_list)} for {@code -target bpf}: a {@code char *}. */
    private static final int BPF_VA_LIST_SIZE = 8;

    /**
     * How one struct or union is written.
     *
     * @param packed whether {@code __attribute__((packed))} follows the closing brace
     * @param alignedAttr the N of {@code __attribute__((aligned(N)))}, 0 for none
     * @param align the alignment, in bytes, clang will give the type as written
     * @param padFrom for member i, the bit offset where padding before it starts (equal to the
     *     member's offset when there is none)
     * @param tailFrom the bit offset where padding at the end starts (equal to size * 8 if none)
     */
    record Decision(boolean packed, int alignedAttr, int align, long[] padFrom, long tailFrom) {
    }

    private final Btf btf;
    private final Map<Integer, Decision> decisions = new HashMap<>();
    private int depth;

    CLayout(Btf btf) {
        this.btf = btf;
    }

    /** {@return the effective bitfield width of a member: kind_flag width, or an INT's bit count} */
    int bitfieldWidth(BtfType.Member m) {
        if (m.bitfieldSize() != 0) {
            return m.bitfieldSize();
        }
        int r = btf.resolve(m.type());
        if (btf.type(r) instanceof BtfType.Int i && i.bits() != 0 && i.bits() != i.size() * 8) {
            return i.bits();
        }
        return 0;
    }

    /** {@return a member's bit offset, including an INT's own bit offset when kind_flag is clear} */
    long bitOffset(BtfType.Member m) {
        if (m.bitfieldSize() == 0) {
            int r = btf.resolve(m.type());
            if (btf.type(r) instanceof BtfType.Int i && i.bits() != 0 && i.bits() != i.size() * 8) {
                return m.bitOffset() + i.bitOffset();
            }
        }
        return m.bitOffset();
    }

    /** {@return the size of a type in bytes, 0 for a type without size (void, function)} */
    long size(int id) {
        if (isBuiltinVaList(id)) {
            return BPF_VA_LIST_SIZE;
        }
        try {
            return btf.sizeOf(id);
        } catch (IllegalArgumentException noSize) {
            return 0;
        }
    }

    /**
     * Whether a type is, through typedefs and qualifiers, the typedef {@code __builtin_va_list}.
     * The dump refers to clang's builtin of that name rather than defining it, and the builtin of
     * the BPF target is a {@code char *}, whatever the kernel's architecture made of it in BTF.
     */
    boolean isBuiltinVaList(int id) {
        int cur = id;
        for (int steps = 0; steps < 64 && cur != 0; steps++) {
            BtfType t = btf.type(cur);
            if (t instanceof BtfType.Typedef d) {
                if (d.name().equals(BUILTIN_VA_LIST)) {
                    return true;
                }
                cur = d.type();
            } else if (t instanceof BtfType.Const c) {
                cur = c.type();
            } else if (t instanceof BtfType.Volatile v) {
                cur = v.type();
            } else {
                return false;
            }
        }
        return false;
    }

    /** {@return the alignment in bytes clang gives a type as the dumper writes it} */
    int align(int id) {
        if (isBuiltinVaList(id)) {
            return BPF_VA_LIST_SIZE;
        }
        int cur = id;
        for (int steps = 0; steps <= btf.typeCount(); steps++) {
            BtfType t = btf.type(cur);
            if (t instanceof BtfType.Int i) {
                return naturalAlign(i.size());
            } else if (t instanceof BtfType.Ptr) {
                return 8;
            } else if (t instanceof BtfType.Enum e) {
                return naturalAlign(e.size());
            } else if (t instanceof BtfType.Enum64 e) {
                return naturalAlign(e.size());
            } else if (t instanceof BtfType.Float f) {
                return naturalAlign(f.size());
            } else if (t instanceof BtfType.Array a) {
                cur = a.elementType();
            } else if (t instanceof BtfType.Typedef d) {
                cur = d.type();
            } else if (t instanceof BtfType.Const c) {
                cur = c.type();
            } else if (t instanceof BtfType.Volatile v) {
                cur = v.type();
            } else if (t instanceof BtfType.Restrict r) {
                cur = r.type();
            } else if (t instanceof BtfType.TypeTag g) {
                cur = g.type();
            } else if (t instanceof BtfType.Struct || t instanceof BtfType.Union) {
                return decide(cur).align();
            } else {
                return 1;
            }
        }
        btf.sizeOf(id); // names the offset of the cycle, if sizeOf sees it
        throw cycle(id);
    }

    /** Integers align to their size on BPF, up to 16 ({@code __int128}). */
    private static int naturalAlign(long size) {
        int a = 1;
        while (a < 16 && a * 2L <= size && size % (a * 2L) == 0) {
            a *= 2;
        }
        return a;
    }

    /** {@return how a struct or union is written, computed once} */
    Decision decide(int id) {
        Decision d = decisions.get(id);
        if (d != null) {
            return d;
        }
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw tooDeep(id);
        }
        try {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Struct s) {
                d = structLayout(s.members(), s.size(), false);
                if (d == null) {
                    d = structLayout(s.members(), s.size(), true);
                }
            } else if (t instanceof BtfType.Union u) {
                d = unionLayout(u.members(), u.size());
            } else {
                throw new IllegalStateException("not a struct or union: " + t);
            }
        } finally {
            depth--;
        }
        decisions.put(id, d);
        return d;
    }

    /** Lays members out by C's rules, padding forward; {@code null} if only packing can work. */
    private Decision structLayout(List<BtfType.Member> members, long size, boolean packed) {
        long cur = 0;
        int maxAlign = 1;
        long[] padFrom = new long[members.size()];
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            long off = bitOffset(m);
            int width = bitfieldWidth(m);
            int a = align(m.type());
            long natural;
            if (width > 0) {
                long unit = Math.max(8, size(m.type()) * 8);
                if (off < cur || (!packed && off / unit != (off + width - 1) / unit)) {
                    if (!packed) {
                        return null; // clang would move the bitfield to the next unit, or it overlaps
                    }
                    padFrom[i] = off;
                    cur = Math.max(cur, off + width);
                    continue;
                }
                padFrom[i] = cur; // unnamed bitfields fill [cur, off), if anything
                cur = off + width;
            } else {
                long bits = packed ? 8 : a * 8L;
                natural = roundUp(cur, bits);
                if (off % bits != 0 || off < natural) {
                    if (packed) {
                        padFrom[i] = off; // overlapping members: not C; write them and let the size tell
                        cur = Math.max(cur, off + size(m.type()) * 8);
                        continue;
                    }
                    return null;
                }
                padFrom[i] = off == natural ? off : cur;
                cur = off + size(m.type()) * 8;
            }
            if (!packed) {
                maxAlign = Math.max(maxAlign, a);
            }
        }
        long end = size * 8;
        if (!packed && size % maxAlign != 0) {
            return null;
        }
        long tailFrom = roundUp(cur, maxAlign * 8L) == end ? end : Math.min(cur, end);
        if (!packed && roundUp(cur, maxAlign * 8L) > end) {
            return null;
        }
        return new Decision(packed, 0, packed ? 1 : maxAlign, padFrom, tailFrom);
    }

    private Decision unionLayout(List<BtfType.Member> members, long size) {
        long maxSize = 0;
        int maxAlign = 1;
        long[] padFrom = new long[members.size()];
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            int width = bitfieldWidth(m);
            maxSize = Math.max(maxSize, width > 0 ? (width + 7) / 8 : size(m.type()));
            maxAlign = Math.max(maxAlign, align(m.type()));
            padFrom[i] = bitOffset(m);
        }
        long end = size * 8;
        if (roundUp(maxSize, maxAlign) == size) {
            return new Decision(false, 0, maxAlign, padFrom, end);
        }
        if (size > maxSize && size <= 8 && size % maxAlign == 0) {
            // One unnamed bitfield of up to 64 bits gives a union its size without changing its
            // alignment (BTF keeps the size of a union whose members it dropped).
            return new Decision(false, 0, maxAlign, padFrom, 0);
        }
        for (int a = maxAlign * 2; a <= 4096; a *= 2) {
            if (roundUp(maxSize, a) == size) {
                return new Decision(false, a, a, padFrom, end);
            }
        }
        if (maxSize == size) {
            return new Decision(true, 0, 1, padFrom, end);
        }
        for (int a = 2; a < maxAlign; a *= 2) {
            if (roundUp(maxSize, a) == size) {
                return new Decision(true, a, a, padFrom, end);
            }
        }
        // No attribute gives this size (BTF a compiler would not write): keep the natural layout.
        return new Decision(false, 0, maxAlign, padFrom, end);
    }

    private static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    private BtfFormatException cycle(int id) {
        return new BtfFormatException(btf.origin(), "types", 0,
                "type id " + id + " leads back to itself through arrays/typedefs/modifiers");
    }

    private BtfFormatException tooDeep(int id) {
        return new BtfFormatException(btf.origin(), "types", 0, "struct/union type id " + id
                + " contains structs by value more than " + MAX_DEPTH + " levels deep (a containment cycle?)");
    }
}
