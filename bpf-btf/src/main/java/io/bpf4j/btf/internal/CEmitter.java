package io.bpf4j.btf.internal;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.List;

/**
 * Writes the types of a {@link Btf} as C declarations that compile in one translation unit:
 * the engine behind {@link io.bpf4j.btf.CDumper}.
 *
 * <p>Order: types are visited by id; before a type is written, what it needs is written first.
 * A member held by value needs its type's complete definition; one reached through a pointer
 * (or a function prototype) needs only a declaration, so such tags get a forward declaration
 * ({@code struct foo;}) unless already defined. This breaks every cycle C can express (a cycle
 * of by-value containment is not C). Anonymous structs, unions and enums are written inline
 * where they are used; an anonymous enum nothing refers to is written on its own, since its
 * enumerators are constants programs use. FUNC, VAR, DATASEC and DECL_TAG declare nothing in C;
 * TYPE_TAGs are skipped.
 *
 * <p>Everything here recurses along the type graph: depth is bounded ({@link CLayout#MAX_DEPTH})
 * and so is the output, so that hostile BTF ends in a {@link BtfFormatException}, not a stack
 * overflow or an exhausted heap.
 */
public final class CEmitter {
    private static final int NOT_DONE = 0;
    private static final int IN_PROGRESS = 1;
    private static final int DONE = 2;
    /** A type named so is clang's own; libbpf's btf_dump skips it too. */
    private static final String BUILTIN_VA_LIST = CLayout.BUILTIN_VA_LIST;

    private final Btf btf;
    private final StringBuilder out;
    private final long maxChars;
    private final CNames names;
    private final CLayout layout;
    private final byte[] state;
    private final boolean[] declared;
    private final boolean[] referenced;
    /** Memo of {@link #need}: what was already made usable, so shared subgraphs are walked once. */
    private final boolean[] usableDeclared;
    private final boolean[] usableComplete;
    private int depth;

    private CEmitter(Btf btf, StringBuilder out, long maxChars) {
        this.btf = btf;
        this.out = out;
        this.maxChars = maxChars;
        this.names = new CNames(btf);
        this.layout = new CLayout(btf);
        this.state = new byte[btf.typeCount()];
        this.declared = new boolean[btf.typeCount()];
        this.referenced = new boolean[btf.typeCount()];
        this.usableDeclared = new boolean[btf.typeCount()];
        this.usableComplete = new boolean[btf.typeCount()];
    }

    /**
     * Appends the declarations of every type of {@code btf} (with its base's, for split BTF).
     *
     * @param btf the types
     * @param out where the C goes
     * @param maxChars a bound on the output; exceeding it means the BTF nests anonymous types
     *     without limit (each use of an anonymous type repeats its definition)
     * @throws BtfFormatException if the BTF is malformed or nests beyond the bounds
     */
    public static void emit(Btf btf, StringBuilder out, long maxChars) {
        new CEmitter(btf, out, maxChars).emitAll();
    }

    private void emitAll() {
        markReferenced();
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfKind kind = btf.kind(id);
            boolean named = !btf.name(id).isEmpty();
            switch (kind) {
                case STRUCT: case UNION: case TYPEDEF:
                    if (named) {
                        need(id, true);
                    }
                    break;
                case ENUM: case ENUM64:
                    if (named) {
                        need(id, true);
                    } else if (!referenced[id] && state[id] == NOT_DONE) {
                        state[id] = DONE;
                        append(enumDef(id, 0) + ";\n\n");
                    }
                    break;
                case FWD:
                    need(id, false);
                    break;
                default:
                    break;
            }
        }
    }

    private void markReferenced() {
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Struct s) {
                s.members().forEach(m -> mark(m.type()));
            } else if (t instanceof BtfType.Union u) {
                u.members().forEach(m -> mark(m.type()));
            } else if (t instanceof BtfType.Array a) {
                mark(a.elementType());
            } else if (t instanceof BtfType.FuncProto p) {
                mark(p.returnType());
                p.params().forEach(q -> mark(q.type()));
            } else if (t instanceof BtfType.Datasec d) {
                d.vars().forEach(v -> mark(v.type()));
            } else {
                int target = target(t);
                if (target >= 0) {
                    mark(target);
                }
            }
        }
    }

    private void mark(int id) {
        if (id > 0 && id < referenced.length) {
            referenced[id] = true;
        }
    }

    /** {@return the one type a type refers to (pointee, aliased, qualified...), or -1} */
    private static int target(BtfType t) {
        if (t instanceof BtfType.Ptr p) {
            return p.type();
        } else if (t instanceof BtfType.Typedef d) {
            return d.type();
        } else if (t instanceof BtfType.Const c) {
            return c.type();
        } else if (t instanceof BtfType.Volatile v) {
            return v.type();
        } else if (t instanceof BtfType.Restrict r) {
            return r.type();
        } else if (t instanceof BtfType.TypeTag g) {
            return g.type();
        } else if (t instanceof BtfType.Func f) {
            return f.type();
        } else if (t instanceof BtfType.Var v) {
            return v.type();
        } else if (t instanceof BtfType.DeclTag g) {
            return g.type();
        }
        return -1;
    }

    // ---- ordering: write what a type needs before it ----

    /**
     * Makes a type usable at this point of the output.
     *
     * @param complete whether its complete definition is needed (held by value) or a
     *     declaration suffices (behind a pointer, in a prototype)
     */
    private void need(int id, boolean complete) {
        if (id == 0 || usableComplete[id] || (!complete && usableDeclared[id])) {
            return;
        }
        enter(id);
        try {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Struct || t instanceof BtfType.Union) {
                needRecord(id, t, complete);
            } else if (t instanceof BtfType.Enum || t instanceof BtfType.Enum64) {
                if (!t.name().isEmpty() && state[id] == NOT_DONE) {
                    state[id] = DONE;
                    append(enumDef(id, 0) + ";\n\n");
                }
            } else if (t instanceof BtfType.Fwd) {
                declare(id);
            } else if (t instanceof BtfType.Typedef d) {
                needTypedef(id, d, complete);
            } else if (t instanceof BtfType.Ptr p) {
                need(p.type(), false);
            } else if (t instanceof BtfType.Array a) {
                need(a.elementType(), true); // an array's elements must be complete, even behind a pointer
            } else if (t instanceof BtfType.FuncProto p) {
                need(p.returnType(), false);
                for (BtfType.Param q : p.params()) {
                    need(q.type(), false);
                }
            } else {
                int target = target(t);
                if (target >= 0 && !(t instanceof BtfType.Func) && !(t instanceof BtfType.Var)
                        && !(t instanceof BtfType.DeclTag)) {
                    need(target, complete);
                }
            }
        } finally {
            depth--;
        }
        if (complete) {
            usableComplete[id] = true;
        } else {
            usableDeclared[id] = true;
        }
    }

    private void needRecord(int id, BtfType t, boolean complete) {
        List<BtfType.Member> members = t instanceof BtfType.Struct s ? s.members() : ((BtfType.Union) t).members();
        if (t.name().isEmpty()) {
            // Written inline wherever it is used: its members must be usable there.
            if (state[id] == IN_PROGRESS) {
                return; // an anonymous record inside itself: not C, emitted as far as it goes
            }
            state[id] = IN_PROGRESS;
            for (BtfType.Member m : members) {
                need(m.type(), true);
            }
            state[id] = NOT_DONE;
            return;
        }
        if (state[id] == DONE) {
            return;
        }
        if (!complete || state[id] == IN_PROGRESS) {
            declare(id);
            return;
        }
        state[id] = IN_PROGRESS;
        for (BtfType.Member m : members) {
            need(m.type(), true);
        }
        layout.decide(id);
        append(recordDef(id, 0) + ";\n\n");
        state[id] = DONE;
    }

    private void needTypedef(int id, BtfType.Typedef d, boolean complete) {
        if (state[id] == NOT_DONE) {
            state[id] = IN_PROGRESS;
            need(d.type(), false);
            if (!d.name().equals(BUILTIN_VA_LIST)) {
                append("typedef " + declaration(d.type(), names.ident(id), 0) + ";\n\n");
            }
            state[id] = DONE;
        }
        if (complete && state[id] == DONE) {
            need(d.type(), true);
        }
    }

    /** Writes {@code struct foo;} once, unless the definition came first. */
    private void declare(int id) {
        if (declared[id] || state[id] == DONE) {
            return;
        }
        declared[id] = true;
        append(keyword(id) + " " + names.tag(id) + ";\n\n");
    }

    private String keyword(int id) {
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Union || (t instanceof BtfType.Fwd f && f.union())) {
            return "union";
        }
        if (t instanceof BtfType.Enum || t instanceof BtfType.Enum64) {
            return "enum";
        }
        return "struct";
    }

    // ---- rendering: C text for a type (no output happens here) ----

    /**
     * Returns a declaration of {@code name} with type {@code id}: "int x", "struct a *p",
     * "void (*fn)(int)", "char buf[16]"; with an empty name, the abstract declarator.
     */
    private String declaration(int id, String name, int level) {
        return declarator(id, name, "", level);
    }

    private String declarator(int id, String inner, String baseQualifiers, int level) {
        enter(id);
        try {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Ptr p) {
                return declarator(p.type(), "*" + inner, baseQualifiers, level);
            }
            if (t instanceof BtfType.Array a) {
                String d = inner.startsWith("*") ? "(" + inner + ")" : inner;
                return declarator(a.elementType(), d + "[" + a.elementCountUnsigned() + "]", baseQualifiers, level);
            }
            if (t instanceof BtfType.FuncProto p) {
                String d = inner.startsWith("*") ? "(" + inner + ")" : inner;
                return declarator(p.returnType(), d + "(" + params(p, level) + ")", "", level);
            }
            if (t instanceof BtfType.Const || t instanceof BtfType.Volatile || t instanceof BtfType.Restrict) {
                String q = t instanceof BtfType.Const ? "const" : t instanceof BtfType.Volatile ? "volatile" : "restrict";
                int target = target(t);
                BtfKind under = btf.kind(skipQualifiers(target));
                if (under == BtfKind.PTR) {
                    return declarator(target, q + (inner.isEmpty() ? "" : " " + inner), baseQualifiers, level);
                }
                if (under == BtfKind.FUNC_PROTO) {
                    return declarator(target, inner, baseQualifiers, level);
                }
                boolean already = (" " + baseQualifiers + " ").contains(" " + q + " ");
                return declarator(target, inner, already ? baseQualifiers
                        : baseQualifiers.isEmpty() ? q : q + " " + baseQualifiers, level);
            }
            if (t instanceof BtfType.TypeTag g) {
                return declarator(g.type(), inner, baseQualifiers, level);
            }
            String base = baseName(id, t, level);
            String qualified = baseQualifiers.isEmpty() ? base : baseQualifiers + " " + base;
            return inner.isEmpty() ? qualified : qualified + " " + inner;
        } finally {
            depth--;
        }
    }

    private int skipQualifiers(int id) {
        int cur = id;
        for (int steps = 0; steps < btf.typeCount(); steps++) {
            BtfKind k = btf.kind(cur);
            if (k != BtfKind.CONST && k != BtfKind.VOLATILE && k != BtfKind.RESTRICT && k != BtfKind.TYPE_TAG) {
                return cur;
            }
            cur = target(btf.type(cur));
        }
        btf.resolve(id); // throws the cycle with its offset
        return cur;
    }

    private String params(BtfType.FuncProto p, int level) {
        if (p.params().isEmpty()) {
            return "void";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.params().size(); i++) {
            BtfType.Param q = p.params().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            if (i == p.params().size() - 1 && q.type() == 0 && q.name().isEmpty()) {
                sb.append("...");
            } else {
                sb.append(declaration(q.type(), q.name(), level));
            }
        }
        return sb.toString();
    }

    /** The type specifier of a type that is not a pointer, array, prototype or qualifier. */
    private String baseName(int id, BtfType t, int level) {
        if (t instanceof BtfType.Void) {
            return "void";
        }
        if (t instanceof BtfType.Struct || t instanceof BtfType.Union) {
            return t.name().isEmpty() ? recordDef(id, level) : keyword(id) + " " + names.tag(id);
        }
        if (t instanceof BtfType.Enum || t instanceof BtfType.Enum64) {
            return t.name().isEmpty() ? enumDef(id, level) : "enum " + names.tag(id);
        }
        if (t instanceof BtfType.Fwd) {
            return keyword(id) + " " + names.tag(id);
        }
        if (t instanceof BtfType.Typedef) {
            return t.name().equals(BUILTIN_VA_LIST) ? BUILTIN_VA_LIST : names.ident(id);
        }
        if (t.name().isEmpty()) {
            return t instanceof BtfType.Int || t instanceof BtfType.Float ? "int" : "void";
        }
        return t.name(); // INT, FLOAT; FUNC/VAR/DATASEC/DECL_TAG are not types in C
    }

    /** A struct or union definition, starting at "struct" and ending at the closing brace. */
    private String recordDef(int id, int level) {
        BtfType t = btf.type(id);
        List<BtfType.Member> members = t instanceof BtfType.Struct s ? s.members() : ((BtfType.Union) t).members();
        long size = t instanceof BtfType.Struct s ? Integer.toUnsignedLong(s.size())
                : Integer.toUnsignedLong(((BtfType.Union) t).size());
        CLayout.Decision d = layout.decide(id);
        StringBuilder sb = new StringBuilder();
        sb.append(keyword(id));
        if (!t.name().isEmpty()) {
            sb.append(' ').append(names.tag(id));
        }
        sb.append(" {");
        String indent = "\t".repeat(level + 1);
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            long off = layout.bitOffset(m);
            padding(sb, d.padFrom()[i], off, indent);
            sb.append('\n').append(indent).append(declaration(m.type(), m.name(), level + 1));
            int width = layout.bitfieldWidth(m);
            if (width > 0) {
                sb.append(": ").append(width);
            }
            sb.append(';');
            check(sb.length());
        }
        if (t instanceof BtfType.Union) {
            if (d.tailFrom() < size * 8) {
                // Every member of a union starts at 0: one unnamed bitfield (at most 64 bits, see
                // CLayout) makes up the size.
                sb.append('\n').append(indent).append("long: ").append(size * 8 - d.tailFrom()).append(';');
            }
        } else {
            padding(sb, d.tailFrom(), size * 8, indent);
        }
        if (sb.charAt(sb.length() - 1) == '{') {
            sb.append('}');
        } else {
            sb.append('\n').append("\t".repeat(level)).append('}');
        }
        if (d.packed()) {
            sb.append(" __attribute__((packed))");
        }
        if (d.alignedAttr() != 0) {
            sb.append(" __attribute__((aligned(").append(d.alignedAttr()).append(")))");
        }
        return sb.toString();
    }

    /** Unnamed bitfields covering bits [from, to), none straddling its own type's unit. */
    private void padding(StringBuilder sb, long from, long to, String indent) {
        // A 64-bit pad takes at least 10 characters: refuse a gap that cannot fit the bound before
        // writing it (a size field of 4 GiB would otherwise mean 500 million lines).
        if ((to - from) / 64 > (maxChars - sb.length()) / 10) {
            check(Long.MAX_VALUE);
        }
        long cur = from;
        while (cur < to) {
            long gap = to - cur;
            long width;
            String type;
            if (cur % 8 != 0 || gap < 8) {
                width = Math.min(gap, 8 - cur % 8);
                type = "char";
            } else if (cur % 64 == 0 && gap >= 64) {
                width = 64;
                type = "long";
            } else if (cur % 32 == 0 && gap >= 32) {
                width = 32;
                type = "int";
            } else if (cur % 16 == 0 && gap >= 16) {
                width = 16;
                type = "short";
            } else {
                width = 8;
                type = "char";
            }
            sb.append('\n').append(indent).append(type).append(": ").append(width).append(';');
            cur += width;
        }
    }

    /**
     * An enum definition. Its size is set with {@code mode} when C would choose another (C makes
     * an enum 4 bytes unless a value needs 8; BTF also has 1-, 2- and 8-byte enums).
     */
    private String enumDef(int id, int level) {
        BtfType t = btf.type(id);
        List<BtfType.EnumValue> values;
        boolean signed;
        boolean wide;
        long size;
        if (t instanceof BtfType.Enum e) {
            values = e.values();
            signed = e.signed();
            wide = false;
            size = Integer.toUnsignedLong(e.size());
        } else {
            BtfType.Enum64 e = (BtfType.Enum64) t;
            values = e.values();
            signed = e.signed();
            wide = true;
            size = Integer.toUnsignedLong(e.size());
        }
        StringBuilder sb = new StringBuilder("enum");
        if (!t.name().isEmpty()) {
            sb.append(' ').append(names.tag(id));
        }
        if (values.isEmpty()) {
            return sb.toString(); // "enum foo;": C has no empty enum
        }
        sb.append(" {");
        String indent = "\t".repeat(level + 1);
        boolean fitsInt = true;
        boolean fitsUnsignedInt = true;
        for (BtfType.EnumValue v : values) {
            sb.append('\n').append(indent).append(names.enumerator(v.name())).append(" = ")
                    .append(literal(v.value(), signed, wide)).append(',');
            long x = v.value();
            boolean negative = signed && x < 0;
            fitsInt &= signed ? x == (int) x : Long.compareUnsigned(x, Integer.MAX_VALUE) <= 0;
            fitsUnsignedInt &= !negative && Long.compareUnsigned(x, 0xffffffffL) <= 0;
            check(sb.length());
        }
        sb.append('\n').append("\t".repeat(level)).append('}');
        long natural = fitsInt || fitsUnsignedInt ? 4 : 8; // C's choice of underlying type
        if (size != natural) {
            String mode = size == 1 ? "QI" : size == 2 ? "HI" : size == 4 ? "SI" : size == 8 ? "DI" : null;
            if (mode != null) {
                sb.append(" __attribute__((mode(").append(mode).append(")))");
            }
        }
        return sb.toString();
    }

    private static String literal(long value, boolean signed, boolean wide) {
        if (!wide) {
            return signed ? Integer.toString((int) value) : Long.toString(value & 0xffffffffL);
        }
        if (!signed) {
            return Long.toUnsignedString(value) + "ULL";
        }
        if (value == Long.MIN_VALUE) {
            return "(-9223372036854775807LL - 1)"; // 9223372036854775808LL itself does not fit
        }
        return value + "LL";
    }

    // ---- bounds ----

    private void enter(int id) {
        if (++depth > CLayout.MAX_DEPTH) {
            depth = 0;
            throw new BtfFormatException(btf.origin(), "types", 0, "type id " + id + " nests more than "
                    + CLayout.MAX_DEPTH + " types deep in its C declaration (a reference cycle?)");
        }
    }

    private void append(String s) {
        out.append(s);
        check(out.length());
    }

    private void check(long length) {
        if (length > maxChars) {
            throw new BtfFormatException(btf.origin(), "types", 0, "the C declarations exceed " + maxChars
                    + " characters: anonymous types nest in a way that multiplies their definitions");
        }
    }
}
