package io.bpf4j.headers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UapiHelperParserTest {

    /** The shape of linux/bpf.h up to 6.1: the mapper lists names only, ids are positions. */
    static final String OLD_STYLE = String.join("\n",
            "/* integer value in 'imm' field of BPF_CALL instruction selects which helper",
            " * function eBPF program intends to call",
            " *",
            " * void *bpf_map_lookup_elem(struct bpf_map *map, const void *key)",
            " * \tDescription",
            " * \t\tPerform a lookup in *map* for an entry associated to *key*.",
            " * \tReturn",
            " * \t\tMap value associated to *key*, or **NULL** if no entry was found.",
            " *",
            " * long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)",
            " * \tDescription",
            " * \t\tThis helper is a \"printk()-like\" facility, see",
            " * \t\tresult in packet drops and a warning via bpf_foo(x) calls",
            " * \tReturn",
            " * \t\tThe number of bytes written.",
            " *",
            " * u64 bpf_ktime_get_ns(void)",
            " * \tDescription",
            " * \t\tReturn the time elapsed since system boot.",
            " * \tReturn",
            " * \t\tCurrent *ktime*.",
            " *",
            " * u64 bpf_get_socket_cookie(struct sk_buff *skb)",
            " * \tDescription",
            " * \t\tFirst variant.",
            " *",
            " * u64 bpf_get_socket_cookie(struct bpf_sock_addr *ctx)",
            " * \tDescription",
            " * \t\tSecond variant.",
            " *",
            " * struct bpf_sock *bpf_sk_fullsock(struct bpf_sock *sk)",
            " * \tDescription",
            " * \t\tFull socket.",
            " *",
            " * long bpf_strtol(const char *buf, size_t buf_len, u64 flags, long *res)",
            " * \tDescription",
            " * \t\tParse.",
            " */",
            "#define __BPF_FUNC_MAPPER(FN)\t\t\\",
            "\tFN(unspec),\t\t\t\\",
            "\tFN(map_lookup_elem),\t\t\\",
            "\tFN(map_update_elem),\t\t\\",
            "\tFN(ktime_get_ns),\t\t\\",
            "\tFN(trace_printk),\t\t\\",
            "\tFN(get_socket_cookie),\t\t\\",
            "\tFN(sk_fullsock),\t\t\\",
            "\tFN(strtol),\t\t\t\\",
            "\t/* */",
            "#define __BPF_ENUM_FN(x) BPF_FUNC_ ## x",
            "");

    /** The shape since 6.2: explicit ids, and a ctx argument passed along. */
    static final String NEW_STYLE = String.join("\n",
            " * u64 bpf_ktime_get_ns(void)",
            " * \tDescription",
            " * \t\tReturn the time elapsed since system boot.",
            " *",
            " * long bpf_user_ringbuf_drain(struct bpf_map *map, void *callback_fn, void *ctx, u64 flags)",
            " * \tDescription",
            " * \t\tDrain samples.",
            " */",
            "#define ___BPF_FUNC_MAPPER(FN, ctx...)\t\t\t\\",
            "\tFN(unspec, 0, ##ctx)\t\t\t\\",
            "\tFN(ktime_get_ns, 5, ##ctx)\t\t\\",
            "\tFN(user_ringbuf_drain, 209, ##ctx)\t\\",
            "\t/* */",
            "#define __BPF_FUNC_MAPPER_APPLY(name, value, FN) FN(name),",
            "");

    @Test
    void oldStyleIdsArePositions() {
        List<HelperDeclaration> helpers = UapiHelperParser.parse(OLD_STYLE, "bpf.h");
        assertEquals(List.of("bpf_map_lookup_elem", "bpf_ktime_get_ns", "bpf_trace_printk",
                        "bpf_get_socket_cookie", "bpf_sk_fullsock", "bpf_strtol"),
                helpers.stream().map(HelperDeclaration::name).toList());
        assertEquals(List.of(1, 3, 4, 5, 6, 7), helpers.stream().map(HelperDeclaration::id).toList());
    }

    @Test
    void signaturesAreSplitIntoTypesAndNames() {
        List<HelperDeclaration> helpers = UapiHelperParser.parse(OLD_STYLE, "bpf.h");
        HelperDeclaration lookup = helpers.get(0);
        assertEquals("void *", lookup.returnType());
        assertEquals(List.of(new HelperDeclaration.Parameter("struct bpf_map *", "map"),
                new HelperDeclaration.Parameter("const void *", "key")), lookup.parameters());
        assertEquals(List.of(), helpers.get(1).parameters(), "(void) means no parameter");
        HelperDeclaration printk = helpers.get(2);
        assertTrue(printk.parameters().get(2).isVarargs());
        assertEquals("struct bpf_sock *", helpers.get(4).returnType());
    }

    @Test
    void overloadedHelperTakesAGenericContext() {
        HelperDeclaration cookie = UapiHelperParser.parse(OLD_STYLE, "bpf.h").get(3);
        assertEquals(List.of(new HelperDeclaration.Parameter("void *", "ctx")), cookie.parameters());
    }

    @Test
    void newStyleIdsAreExplicit() {
        List<HelperDeclaration> helpers = UapiHelperParser.parse(NEW_STYLE, "bpf.h");
        assertEquals(2, helpers.size());
        assertEquals(5, helpers.get(0).id());
        assertEquals("bpf_user_ringbuf_drain", helpers.get(1).name());
        assertEquals(209, helpers.get(1).id());
    }

    @Test
    void generatedHeaderDeclaresEveryHelperWithMappedTypes() {
        String header = HelperDefsWriter.render(UapiHelperParser.parse(OLD_STYLE, "bpf.h"), "bpf.h");
        assertTrue(header.contains(
                "static void *(* const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;"), header);
        assertTrue(header.contains(
                "static long (* const bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *) 4;"), header);
        assertTrue(header.contains("static __u64 (* const bpf_ktime_get_ns)(void) = (void *) 3;"), header);
        assertTrue(header.contains(
                "static struct bpf_sock *(* const bpf_sk_fullsock)(struct bpf_sock *sk) = (void *) 6;"), header);
        assertTrue(header.contains(
                "static long (* const bpf_strtol)(const char *buf, unsigned long buf_len, __u64 flags, long *res) = (void *) 7;"),
                header);
        assertTrue(header.contains("\nstruct bpf_sock;\n"), "forward declaration of struct bpf_sock");
        assertTrue(header.startsWith("/* SPDX-License-Identifier"));
        assertTrue(header.contains("#ifndef __BPF4J_BPF_HELPER_DEFS_H"));
    }

    @Test
    void missingMapperIsNamed() {
        UapiFormatException e = assertThrows(UapiFormatException.class,
                () -> UapiHelperParser.parse(" * u64 bpf_ktime_get_ns(void)\n * \tDescription\n", "x/bpf.h"));
        assertTrue(e.getMessage().startsWith("x/bpf.h: "), e.getMessage());
        assertTrue(e.getMessage().contains("__BPF_FUNC_MAPPER"), e.getMessage());
    }

    @Test
    void documentedHelperAbsentFromMapperIsReportedWithItsLine() {
        String text = NEW_STYLE.replace("FN(ktime_get_ns, 5, ##ctx)", "FN(other, 5, ##ctx)");
        UapiFormatException e = assertThrows(UapiFormatException.class, () -> UapiHelperParser.parse(text, "bpf.h"));
        assertEquals("bpf.h:1: bpf_ktime_get_ns is documented but absent from __BPF_FUNC_MAPPER", e.getMessage());
    }

    @Test
    void headerWithoutDocumentedHelpersIsRejected() {
        String text = "#define __BPF_FUNC_MAPPER(FN) \\\n\tFN(unspec),\n";
        UapiFormatException e = assertThrows(UapiFormatException.class, () -> UapiHelperParser.parse(text, "bpf.h"));
        assertTrue(e.getMessage().contains("no documented helper"), e.getMessage());
    }

    @Test
    void unsplittableParameterIsReported() {
        String text = " * long bpf_bad(u64)\n * \tDescription\n#define __BPF_FUNC_MAPPER(FN) \\\n\tFN(unspec),\\\n\tFN(bad),\n";
        UapiFormatException e = assertThrows(UapiFormatException.class, () -> UapiHelperParser.parse(text, "bpf.h"));
        assertTrue(e.getMessage().startsWith("bpf.h:1: cannot split parameter 'u64'"), e.getMessage());
    }
}
