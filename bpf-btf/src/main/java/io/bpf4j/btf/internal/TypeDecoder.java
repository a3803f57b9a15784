package io.bpf4j.btf.internal;

import io.bpf4j.btf.BtfFormatException;
import io.bpf4j.btf.BtfType;
import io.bpf4j.btf.FuncLinkage;
import io.bpf4j.btf.VarLinkage;
import java.util.ArrayList;
import java.util.List;

/** Turns one type's bytes into its {@link BtfType} record. Bounds were checked by {@link TypeTable}. */
public final class TypeDecoder {
    private static final String TYPES = "types";

    private TypeDecoder() {
    }

    /**
     * Decodes a type stored in a table.
     *
     * @param t the table holding the id
     * @param id a local id of {@code t}
     * @return the record
     * @throws BtfFormatException on a bad string offset or linkage
     */
    public static BtfType decode(TypeTable t, int id) {
        int at = t.offsetOf(id);
        int info = t.intAt(at + 4);
        int kind = BtfLayout.kind(info);
        int vlen = BtfLayout.vlen(info);
        boolean kflag = BtfLayout.kindFlag(info);
        int sizeOrType = t.intAt(at + 8);
        String name = t.stringAt(at);
        int data = at + BtfLayout.TYPE_HEADER_SIZE;
        switch (kind) {
            case 1: {
                int v = t.intAt(data);
                return new BtfType.Int(id, name, sizeOrType, (v >>> 24) & 0x0f, (v >>> 16) & 0xff, v & 0xff);
            }
            case 2:
                return new BtfType.Ptr(id, name, sizeOrType);
            case 3:
                return new BtfType.Array(id, name, t.intAt(data), t.intAt(data + 4), t.intAt(data + 8));
            case 4:
                return new BtfType.Struct(id, name, sizeOrType, members(t, data, vlen, kflag));
            case 5:
                return new BtfType.Union(id, name, sizeOrType, members(t, data, vlen, kflag));
            case 6: {
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    int e = data + 8 * i;
                    int v = t.intAt(e + 4);
                    values.add(new BtfType.EnumValue(t.stringAt(e), kflag ? v : Integer.toUnsignedLong(v)));
                }
                return new BtfType.Enum(id, name, sizeOrType, kflag, values);
            }
            case 7:
                return new BtfType.Fwd(id, name, kflag);
            case 8:
                return new BtfType.Typedef(id, name, sizeOrType);
            case 9:
                return new BtfType.Volatile(id, name, sizeOrType);
            case 10:
                return new BtfType.Const(id, name, sizeOrType);
            case 11:
                return new BtfType.Restrict(id, name, sizeOrType);
            case 12: {
                if (vlen > FuncLinkage.EXTERN.value()) {
                    throw new BtfFormatException(t.origin(), TYPES, at + 4,
                            "FUNC type id " + id + " has unknown linkage " + vlen);
                }
                return new BtfType.Func(id, name, sizeOrType, FuncLinkage.of(vlen));
            }
            case 13: {
                List<BtfType.Param> params = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    int p = data + 8 * i;
                    params.add(new BtfType.Param(t.stringAt(p), t.intAt(p + 4)));
                }
                return new BtfType.FuncProto(id, name, sizeOrType, params);
            }
            case 14: {
                int linkage = t.intAt(data);
                if (linkage < 0 || linkage > VarLinkage.GLOBAL_EXTERN.value()) {
                    throw new BtfFormatException(t.origin(), TYPES, data,
                            "VAR type id " + id + " has unknown linkage " + Integer.toUnsignedLong(linkage));
                }
                return new BtfType.Var(id, name, sizeOrType, VarLinkage.of(linkage));
            }
            case 15: {
                List<BtfType.VarSecInfo> vars = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    int v = data + 12 * i;
                    vars.add(new BtfType.VarSecInfo(t.intAt(v), t.intAt(v + 4), t.intAt(v + 8)));
                }
                return new BtfType.Datasec(id, name, sizeOrType, vars);
            }
            case 16:
                return new BtfType.Float(id, name, sizeOrType);
            case 17:
                return new BtfType.DeclTag(id, name, sizeOrType, t.intAt(data), kflag);
            case 18:
                return new BtfType.TypeTag(id, name, sizeOrType, kflag);
            case 19: {
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    int e = data + 12 * i;
                    long lo = Integer.toUnsignedLong(t.intAt(e + 4));
                    long hi = Integer.toUnsignedLong(t.intAt(e + 8));
                    values.add(new BtfType.EnumValue(t.stringAt(e), (hi << 32) | lo));
                }
                return new BtfType.Enum64(id, name, sizeOrType, kflag, values);
            }
            default:
                // TypeTable rejects unknown kinds; reaching this is a bug in this module.
                throw new IllegalStateException("kind " + kind + " passed the type table's check");
        }
    }

    private static List<BtfType.Member> members(TypeTable t, int data, int vlen, boolean kflag) {
        List<BtfType.Member> members = new ArrayList<>(vlen);
        for (int i = 0; i < vlen; i++) {
            int m = data + 12 * i;
            int off = t.intAt(m + 8);
            long bitOffset = kflag ? off & 0xffffff : Integer.toUnsignedLong(off);
            int bitfieldSize = kflag ? off >>> 24 : 0;
            members.add(new BtfType.Member(t.stringAt(m), t.intAt(m + 4), bitOffset, bitfieldSize));
        }
        return members;
    }
}
