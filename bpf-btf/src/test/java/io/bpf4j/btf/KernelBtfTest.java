package io.bpf4j.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running kernel's BTF, checked against bpftool's reading of the same file. */
class KernelBtfTest {
    private static final System.Logger LOG = System.getLogger(KernelBtfTest.class.getName());

    private static List<String> bpftoolDump;

    /** bpftool's raw dump of vmlinux (~300,000 lines), taken once for the tests that compare with it. */
    private static synchronized List<String> bpftoolDump() throws Exception {
        assumeTrue(TestObjects.onPath("bpftool"), "bpftool is not installed");
        if (bpftoolDump == null) {
            bpftoolDump = TestObjects.lines(TestObjects.run(List.of("bpftool", "btf", "dump", "file", Btf.KERNEL_BTF.toString())));
        }
        return bpftoolDump;
    }

    @BeforeAll
    static void kernelHasBtf() {
        assumeTrue(Files.isReadable(Btf.KERNEL_BTF), "this kernel exposes no BTF at " + Btf.KERNEL_BTF);
    }

    @Test
    void findsTaskStructAndItsPid() {
        Btf btf = Btf.kernel();
        int id = btf.findByName("task_struct", BtfKind.STRUCT);
        assertTrue(id > 0, "task_struct not found");
        BtfType.Struct task = assertInstanceOf(BtfType.Struct.class, btf.type(id));
        assertEquals("task_struct", task.name());
        assertTrue(task.size() > 1000, "task_struct is large: " + task.size());
        BtfType.Member pid = task.members().stream().filter(m -> m.name().equals("pid")).findFirst().orElseThrow();
        int pidType = btf.resolve(pid.type());
        BtfType.Int pidInt = assertInstanceOf(BtfType.Int.class, btf.type(pidType));
        assertEquals("int", pidInt.name());
        assertTrue(pidInt.isSigned());
        assertEquals(4, pidInt.size());
        assertEquals(4, btf.sizeOf(pid.type()));
        assertEquals("pid_t", btf.name(pid.type()), "pid is declared as pid_t");
        assertEquals(BtfKind.TYPEDEF, btf.kind(pid.type()));
        assertEquals(task.size(), btf.sizeOf(id));
        assertEquals(-1, btf.findByName("task_struct", BtfKind.UNION));
        assertEquals(-1, btf.findByName("no_such_type_in_any_kernel", BtfKind.STRUCT));
        assertEquals(0, btf.findAllByName("no_such_type_in_any_kernel").length);
    }

    @Test
    void kernelIsParsedOncePerProcess() {
        assertSame(Btf.kernel(), Btf.kernel());
    }

    @Test
    void roundTripsByteForByte() throws Exception {
        byte[] raw = Files.readAllBytes(Btf.KERNEL_BTF);
        Btf btf = Btf.parse(ByteBuffer.wrap(raw), "vmlinux");
        assertArrayEquals(raw, btf.toBytes());
        assertEquals(ByteOrder.nativeOrder(), btf.order());
    }

    @Test
    void lastIdMatchesBpftool() throws Exception {
        List<String> dump = bpftoolDump();
        int lastId = -1;
        Pattern head = Pattern.compile("^\\[(\\d+)\\] ");
        for (int i = dump.size() - 1; i >= 0 && lastId < 0; i--) {
            Matcher m = head.matcher(dump.get(i));
            if (m.find()) {
                lastId = Integer.parseInt(m.group(1));
            }
        }
        assertEquals(lastId, Btf.kernel().typeCount() - 1);
        assertTrue(lastId > 50_000, "vmlinux has tens of thousands of types, got " + lastId);
    }

    @Test
    void everyTypeReadsAsBpftoolReadsIt() throws Exception {
        List<String> expected = bpftoolDump();
        List<String> actual = BpftoolFormat.dump(Btf.kernel());
        assertSameLines(expected, actual);
    }

    static void assertSameLines(List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertEquals(expected.get(i), actual.get(i), "first difference at line " + (i + 1));
            }
        }
        assertEquals(expected.size(), actual.size(), "line count");
    }

    @Test
    void resolveAndSizeOfFollowTheChain() {
        Btf btf = Btf.kernel();
        int u64 = btf.findByName("u64", BtfKind.TYPEDEF);
        assertEquals(8, btf.sizeOf(u64));
        assertEquals(BtfKind.INT, btf.kind(btf.resolve(u64)));
        int listHead = btf.findByName("list_head", BtfKind.STRUCT);
        assertEquals(16, btf.sizeOf(listHead));
        BtfType.Struct lh = (BtfType.Struct) btf.type(listHead);
        assertEquals(8, btf.sizeOf(lh.members().get(0).type()), "a pointer is 8 bytes");
        assertEquals(0, btf.resolve(0));
        assertThrows(IllegalArgumentException.class, () -> btf.sizeOf(0));
        int func = btf.findByName("vfs_unlink", BtfKind.FUNC);
        assertTrue(func > 0);
        assertThrows(IllegalArgumentException.class, () -> btf.sizeOf(func));
        assertInstanceOf(BtfType.Void.class, btf.type(0));
        assertThrows(IllegalArgumentException.class, () -> btf.type(btf.typeCount()));
        assertThrows(IllegalArgumentException.class, () -> btf.type(-1));
    }

    @Test
    void datasecOfPerCpuVariables() {
        BtfType.Datasec percpu = Btf.kernel().datasec(".data..percpu").orElseThrow();
        assertTrue(percpu.size() > 0);
        assertTrue(!percpu.vars().isEmpty());
        assertTrue(Btf.kernel().datasec(".no_such_section").isEmpty());
    }

    @Test
    void parsingIsLazyAndFast() throws Exception {
        byte[] raw = Files.readAllBytes(Btf.KERNEL_BTF);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Btf.parse(ByteBuffer.wrap(raw), "vmlinux");
            best = Math.min(best, System.nanoTime() - t0);
        }
        Btf btf = Btf.parse(ByteBuffer.wrap(raw), "vmlinux");
        long t0 = System.nanoTime();
        int id = btf.findByName("task_struct", BtfKind.STRUCT);
        long index = System.nanoTime() - t0;
        LOG.log(System.Logger.Level.INFO, "vmlinux: parse {0} us (best of 5), name index {1} ms, {2} types",
                best / 1000, index / 1_000_000, btf.typeCount());
        assertTrue(id > 0);
        // Generous bound: the offsets pass is a few ms; it would take far longer if types were decoded.
        assertTrue(best < 500_000_000L, "parsing vmlinux took " + best / 1_000_000 + " ms");
    }
}
