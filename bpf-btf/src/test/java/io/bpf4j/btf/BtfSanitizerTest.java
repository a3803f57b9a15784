package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each feature the sanitizer can take away, on clang's BTF of kinds.bpf.c (which uses them all). */
class BtfSanitizerTest {
    private static Btf btf;

    @BeforeAll
    static void compile() throws Exception {
        byte[] bytes = new MiniElf(Files.readAllBytes(TestObjects.compile("kinds"))).contents(".BTF");
        btf = Btf.parse(ByteBuffer.wrap(bytes), "kinds.bpf.o .BTF");
    }

    private static Btf without(BtfFeature feature) {
        Set<BtfFeature> supported = EnumSet.allOf(BtfFeature.class);
        supported.remove(feature);
        Btf out = BtfSanitizer.sanitize(btf, supported);
        assertFalse(BtfSanitizer.used(out).contains(feature), "still uses " + feature);
        for (int id = 1; id < out.typeCount(); id++) {
            out.type(id); // every type still decodes
        }
        return out;
    }

    private static int count(Btf b, BtfKind kind) {
        int n = 0;
        for (int id = 1; id < b.typeCount(); id++) {
            n += b.kind(id) == kind ? 1 : 0;
        }
        return n;
    }

    @Test
    void usesEveryFeature() {
        assertEquals(EnumSet.allOf(BtfFeature.class), BtfSanitizer.used(btf));
        assertSame(btf, BtfSanitizer.sanitize(btf, EnumSet.allOf(BtfFeature.class)), "nothing to do, same object");
    }

    @Test
    void globalFuncLinkageBecomesStatic() {
        int id = btf.findByName("handle_exec", BtfKind.FUNC);
        assertEquals(FuncLinkage.GLOBAL, ((BtfType.Func) btf.type(id)).linkage());
        Btf out = without(BtfFeature.FUNC_GLOBAL);
        assertEquals(FuncLinkage.STATIC, ((BtfType.Func) out.type(id)).linkage());
        assertEquals(btf.typeCount(), out.typeCount());
    }

    @Test
    void funcBecomesTypedefAndProtoBecomesEnum() {
        int id = btf.findByName("helper", BtfKind.FUNC);
        int proto = ((BtfType.Func) btf.type(id)).type();
        BtfType.FuncProto p = (BtfType.FuncProto) btf.type(proto);
        Btf out = without(BtfFeature.FUNC);
        assertEquals(new BtfType.Typedef(id, "helper", proto), out.type(id));
        BtfType.Enum e = (BtfType.Enum) out.type(proto);
        assertEquals(4, e.size());
        assertEquals(p.params().size(), e.values().size());
        assertEquals("x", e.values().get(0).name());
        assertEquals(0, count(out, BtfKind.FUNC) + count(out, BtfKind.FUNC_PROTO));
    }

    @Test
    void datasecBecomesStructAndVarBecomesInt() {
        BtfType.Datasec data = btf.datasec(".data").orElseThrow();
        int counter = btf.findByName("counter", BtfKind.VAR);
        Btf out = without(BtfFeature.DATASEC);
        assertEquals(0, count(out, BtfKind.DATASEC) + count(out, BtfKind.VAR));
        BtfType.Struct s = (BtfType.Struct) out.type(data.id());
        assertEquals("_data", s.name());
        assertEquals(data.size(), s.size());
        assertEquals(data.vars().size(), s.members().size());
        for (int i = 0; i < s.members().size(); i++) {
            BtfType.VarSecInfo v = data.vars().get(i);
            assertEquals(new BtfType.Member(btf.name(v.type()), v.type(), v.offset() * 8L, 0), s.members().get(i));
        }
        assertEquals(new BtfType.Int(counter, "counter", 1, 0, 0, 8), out.type(counter));
        assertTrue(out.findByName("_data_custom", BtfKind.STRUCT) > 0);
        assertEquals(".data", btf.name(data.id()), "the input is not modified");
    }

    @Test
    void floatBecomesEmptyStructOfTheSameSize() {
        int dbl = btf.findByName("double", BtfKind.FLOAT);
        Btf out = without(BtfFeature.FLOAT);
        assertEquals(new BtfType.Struct(dbl, "", 8, java.util.List.of()), out.type(dbl));
        int number = btf.findByName("number", BtfKind.UNION);
        assertEquals(btf.sizeOf(number), out.sizeOf(number));
    }

    @Test
    void declTagIsRemoved() {
        int tag = btf.findByName("a_decl_tag", BtfKind.DECL_TAG);
        Btf out = without(BtfFeature.DECL_TAG);
        assertEquals(new BtfType.Int(tag, "", 1, 0, 0, 8), out.type(tag));
        assertEquals(0, count(out, BtfKind.DECL_TAG));
    }

    @Test
    void typeTagIsRemoved() {
        int tag = btf.findByName("user", BtfKind.TYPE_TAG);
        int target = ((BtfType.TypeTag) btf.type(tag)).type();
        Btf out = without(BtfFeature.TYPE_TAG);
        assertEquals(new BtfType.Const(tag, "", target), out.type(tag));
        assertEquals(0, count(out, BtfKind.TYPE_TAG));
    }

    @Test
    void enum64BecomesUnionAndSignedEnumLosesItsFlag() {
        int big = btf.findByName("big", BtfKind.ENUM64);
        int color = btf.findByName("color", BtfKind.ENUM);
        assertTrue(((BtfType.Enum) btf.type(color)).signed());
        Btf out = without(BtfFeature.ENUM64);
        assertEquals(btf.typeCount() + 1, out.typeCount());
        int placeholder = out.typeCount() - 1;
        assertEquals(new BtfType.Int(placeholder, BtfSanitizer.ENUM64_PLACEHOLDER, 1, 0, 0, 8), out.type(placeholder));
        BtfType.Union u = (BtfType.Union) out.type(big);
        assertEquals("big", u.name());
        assertEquals(8, u.size());
        assertEquals(new BtfType.Member("BIG", placeholder, 0, 0), u.members().get(0));
        assertEquals(new BtfType.Member("BIGGER", placeholder, 0, 0), u.members().get(1));
        assertFalse(((BtfType.Enum) out.type(color)).signed());
    }

    @Test
    void oldestKernelGetsEverythingRewrittenAtOnce() {
        Btf out = BtfSanitizer.sanitize(btf, Set.of());
        assertEquals(Set.of(), BtfSanitizer.used(out));
        assertTrue(out.origin().contains("sanitized"), out.origin());
    }
}
