package io.bpf4j.core;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.util.List;

/**
 * An independent, deliberately naive reading of a BTF for expected values: a member's bit
 * offset by name, looking into anonymous members; nothing of the engine is reused.
 */
final class BtfOracle {
    private final Btf btf;

    BtfOracle(Btf btf) {
        this.btf = btf;
    }

    int structId(String name) {
        int id = btf.findByName(name, BtfKind.STRUCT);
        if (id < 0) {
            throw new AssertionError("no struct " + name + " in " + btf.origin());
        }
        return id;
    }

    /** {@return the member's bit offset from the start of the struct, or -1 if absent} */
    long bitOffset(String struct, String member) {
        return find(structId(struct), member, 0);
    }

    /** {@return the member's byte offset from the start of the struct} */
    long byteOffset(String struct, String member) {
        long bits = bitOffset(struct, member);
        if (bits < 0) {
            throw new AssertionError("no member " + member + " in struct " + struct);
        }
        return bits / 8;
    }

    /** {@return the member (searched through anonymous members)} */
    BtfType.Member member(String struct, String member) {
        return findMember(structId(struct), member);
    }

    private long find(int id, String member, long base) {
        for (BtfType.Member m : members(id)) {
            if (m.name().equals(member)) {
                return base + m.bitOffset();
            }
            if (m.name().isEmpty()) {
                long inner = find(m.type(), member, base + m.bitOffset());
                if (inner >= 0) {
                    return inner;
                }
            }
        }
        return -1;
    }

    private BtfType.Member findMember(int id, String member) {
        for (BtfType.Member m : members(id)) {
            if (m.name().equals(member)) {
                return m;
            }
            if (m.name().isEmpty()) {
                BtfType.Member inner = findMember(m.type(), member);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private List<BtfType.Member> members(int id) {
        BtfType t = btf.type(btf.resolve(id));
        if (t instanceof BtfType.Struct s) {
            return s.members();
        }
        if (t instanceof BtfType.Union u) {
            return u.members();
        }
        return List.of();
    }
}
