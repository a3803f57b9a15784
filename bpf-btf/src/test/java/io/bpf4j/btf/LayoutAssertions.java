package io.bpf4j.btf;

import java.util.HashMap;
import java.util.Map;

/**
 * Generates C that checks, at compile time, that a header declares the types of a BTF with
 * the BTF's layout: {@code _Static_assert(sizeof(struct X) == N)} for every named struct, union
 * and enum, {@code __builtin_offsetof} for each of their named, non-bitfield members (those of
 * anonymous members too, which C reaches by the inner name), and {@code sizeof} for every
 * typedef of a sized type. Names that several types share are left out: headers may
 * number them differently.
 */
final class LayoutAssertions {
    final StringBuilder source = new StringBuilder();
    int sizeAsserts;
    int offsetAsserts;
    int typedefAsserts;
    int skippedDuplicates;

    LayoutAssertions(Btf btf) {
        Map<String, Integer> tags = new HashMap<>();
        Map<String, Integer> idents = new HashMap<>();
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfKind k = btf.kind(id);
            String name = btf.name(id);
            if (name.isEmpty()) {
                continue;
            }
            if (k == BtfKind.STRUCT || k == BtfKind.UNION || k == BtfKind.ENUM || k == BtfKind.ENUM64) {
                tags.merge(name, 1, Integer::sum);
            } else if (k == BtfKind.TYPEDEF) {
                idents.merge(name, 1, Integer::sum);
            }
        }
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            String name = t.name();
            if (name.isEmpty()) {
                continue;
            }
            if (t instanceof BtfType.Struct || t instanceof BtfType.Union) {
                if (tags.get(name) > 1) {
                    skippedDuplicates++;
                    continue;
                }
                String c = (t instanceof BtfType.Struct ? "struct " : "union ") + name;
                assertSize(c, btf.sizeOf(id));
                members(btf, c, id, 0, 0);
            } else if ((t instanceof BtfType.Enum e && !e.values().isEmpty())
                    || (t instanceof BtfType.Enum64 e64 && !e64.values().isEmpty())) {
                if (tags.get(name) > 1) {
                    skippedDuplicates++;
                    continue;
                }
                assertSize("enum " + name, btf.sizeOf(id));
            } else if (t instanceof BtfType.Typedef d && !name.equals("__builtin_va_list")) {
                if (idents.get(name) > 1) {
                    skippedDuplicates++;
                    continue;
                }
                long size;
                try {
                    size = btf.sizeOf(id);
                } catch (IllegalArgumentException noSize) {
                    continue; // a typedef of void, a function type or an incomplete struct
                }
                BtfKind under = btf.kind(btf.resolve(d.type()));
                if (under == BtfKind.FWD || throughVaList(btf, d.type())) {
                    continue; // incomplete; or clang's builtin va_list, 8 bytes on BPF, not the kernel's
                }
                source.append("_Static_assert(sizeof(").append(name).append(") == ").append(size)
                        .append(", \"sizeof ").append(name).append("\");\n");
                typedefAsserts++;
            }
        }
    }

    private static boolean throughVaList(Btf btf, int id) {
        for (int cur = id; btf.kind(cur) == BtfKind.TYPEDEF; cur = ((BtfType.Typedef) btf.type(cur)).type()) {
            if (btf.name(cur).equals("__builtin_va_list")) {
                return true;
            }
        }
        return false;
    }

    private void assertSize(String c, long size) {
        source.append("_Static_assert(sizeof(").append(c).append(") == ").append(size)
                .append(", \"sizeof ").append(c).append("\");\n");
        sizeAsserts++;
    }

    private void members(Btf btf, String c, int id, long baseBits, int depth) {
        BtfType t = btf.type(id);
        java.util.List<BtfType.Member> members = t instanceof BtfType.Struct s ? s.members() : ((BtfType.Union) t).members();
        for (BtfType.Member m : members) {
            if (m.bitfieldSize() != 0) {
                continue;
            }
            long bits = baseBits + m.bitOffset();
            if (m.name().isEmpty()) {
                int r = btf.resolve(m.type());
                BtfKind k = btf.kind(r);
                if ((k == BtfKind.STRUCT || k == BtfKind.UNION) && btf.name(r).isEmpty() && depth < 8) {
                    members(btf, c, r, bits, depth + 1);
                }
                continue;
            }
            int r = btf.resolve(m.type());
            if (btf.type(r) instanceof BtfType.Int i && i.bits() != i.size() * 8) {
                continue; // a bitfield recorded in the INT (kind_flag clear)
            }
            source.append("_Static_assert(__builtin_offsetof(").append(c).append(", ").append(m.name()).append(") == ")
                    .append(bits / 8).append(", \"").append(c).append('.').append(m.name()).append("\");\n");
            offsetAsserts++;
        }
    }

    @Override
    public String toString() {
        return sizeAsserts + " sizeof asserts on structs/unions/enums, " + offsetAsserts + " offsetof asserts, "
                + typedefAsserts + " typedef sizeof asserts (" + skippedDuplicates + " types skipped: name not unique)";
    }
}
