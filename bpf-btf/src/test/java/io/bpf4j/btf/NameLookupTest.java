package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lookups by name and by CO-RE essential name answer the same whichever way they are served:
 * the first exact lookups scan, later ones use the index; the first batch lookups by essential
 * name scan with a prefix filter, later ones use the index. Checked against a brute-force map
 * built from {@link Btf#name(int)}, on hand-made flavored names and on every name of vmlinux.
 */
class NameLookupTest {

    /** The essential part of a name, written independently of the index: before the last "X___Y". */
    private static String essential(String name) {
        for (int i = name.length() - 5; i >= 0; i--) {
            if (name.charAt(i) != '_' && name.startsWith("___", i + 1) && name.charAt(i + 4) != '_') {
                return name.substring(0, i + 1);
            }
        }
        return name;
    }

    private static Map<String, List<Integer>> bruteForce(Btf btf, boolean byEssential, int fromId) {
        Map<String, List<Integer>> m = new HashMap<>();
        for (int id = fromId; id < btf.typeCount(); id++) {
            String n = btf.name(id);
            if (!n.isEmpty()) {
                m.computeIfAbsent(byEssential ? essential(n) : n, k -> new ArrayList<>()).add(id);
            }
        }
        return m;
    }

    private static int[] ints(List<Integer> ids) {
        return ids == null ? new int[0] : ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Btf flavored() {
        BtfBuilder b = BtfBuilder.create();
        int i = b.add(new BtfType.Int(0, "int", 4, BtfType.Int.SIGNED, 0, 32));
        for (String name : List.of("task_struct", "task_struct___old", "task_struct___2", "a____b", "x___y___z",
                "x___y", "__u32", "ab___c", "ab", "a", "b___", "___c", "task_struct", "é___ü")) {
            b.add(new BtfType.Struct(0, name, 4, List.of(new BtfType.Member("f", i, 0, 0))));
        }
        return b.build("flavored names");
    }

    @Test
    void flavoredNamesByExactAndEssentialName() {
        Btf btf = flavored();
        Map<String, List<Integer>> exact = bruteForce(btf, false, 1);
        Map<String, List<Integer>> essentials = bruteForce(btf, true, 1);
        List<String> queries = new ArrayList<>(exact.keySet());
        queries.addAll(List.of("task", "x", "y", "missing", "a___", "with\0nul"));
        // Twice: scans first, the index afterwards.
        for (int round = 0; round < 2; round++) {
            for (String q : queries) {
                assertArrayEquals(ints(exact.get(q)), btf.findAllByName(q), "exact " + q);
            }
        }
        assertArrayEquals(ints(essentials.get("task_struct")), btf.findAllByEssentialName("task_struct"));
        assertEquals(4, btf.findAllByEssentialName("task_struct").length, "plain, ___old, ___2 and the duplicate");
        assertArrayEquals(ints(essentials.get("x___y")), btf.findAllByEssentialName("x___y"), "x___y___z and x___y");
        assertEquals(1, btf.findAllByEssentialName("a____b").length, "four underscores are no separator");
        assertEquals(2, btf.findAllByEssentialName("ab").length, "ab and ab___c");
        assertEquals(1, btf.findAllByEssentialName("é").length, "UTF-8 names");
    }

    @Test
    void batchLookupsScanThenUseTheIndex() {
        Btf btf = flavored();
        Map<String, List<Integer>> essentials = bruteForce(btf, true, 1);
        String[] queries = {"task_struct", "x___y", "ab", "a", "b", "é", "missing", "int", "__u32", "a____b", ""};
        for (int round = 0; round < 4; round++) {
            int[][] found = btf.findAllByEssentialNames(queries);
            for (int q = 0; q < queries.length; q++) {
                assertArrayEquals(ints(essentials.get(queries[q])), found[q], "round " + round + ": " + queries[q]);
            }
        }
    }

    @Test
    void splitBtfOwnTypesAndBaseStrings() {
        Btf base = flavored();
        BtfBuilder b = BtfBuilder.createSplit(base);
        int i = base.findByName("int", BtfKind.INT);
        // Names already in the base's string section are shared, as in kernel module BTF.
        int own = b.add(new BtfType.Struct(0, "task_struct___mod", 4, List.of(new BtfType.Member("f", i, 0, 0))));
        int dup = b.add(new BtfType.Struct(0, "ab", 4, List.of(new BtfType.Member("f", i, 0, 0))));
        Btf split = b.build("split");
        assertArrayEquals(new int[] {own}, split.findOwnByEssentialName("task_struct"));
        assertArrayEquals(new int[] {dup}, split.findOwnByEssentialNames("ab")[0]);
        int[] all = split.findAllByEssentialName("task_struct");
        assertEquals(5, all.length);
        assertEquals(own, all[all.length - 1], "base ids first");
        assertArrayEquals(all, split.findAllByEssentialNames("task_struct")[0]);
        assertEquals(3, split.findAllByName("ab").length + split.findAllByName("ab___c").length);
    }

    @Test
    void everyVmlinuxNameIsFoundBothWays() {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "no kernel BTF");
        Btf btf = Btf.read(Btf.KERNEL_BTF);
        Map<String, List<Integer>> exact = bruteForce(btf, false, 1);
        Map<String, List<Integer>> essentials = bruteForce(btf, true, 1);
        // A batch scan before the index exists, over a few thousand names.
        List<String> sample = new ArrayList<>();
        int k = 0;
        for (String n : essentials.keySet()) {
            if (k++ % 20 == 0) {
                sample.add(n);
            }
        }
        int[][] scanned = btf.findAllByEssentialNames(sample.toArray(new String[0]));
        for (int q = 0; q < sample.size(); q++) {
            assertArrayEquals(ints(essentials.get(sample.get(q))), scanned[q], sample.get(q));
        }
        for (Map.Entry<String, List<Integer>> e : exact.entrySet()) {
            assertArrayEquals(ints(e.getValue()), btf.findAllByName(e.getKey()), e.getKey());
        }
        for (Map.Entry<String, List<Integer>> e : essentials.entrySet()) {
            assertArrayEquals(ints(e.getValue()), btf.findAllByEssentialName(e.getKey()), e.getKey());
        }
        assertTrue(exact.size() > 50_000, "vmlinux has many names: " + exact.size());
    }
}
