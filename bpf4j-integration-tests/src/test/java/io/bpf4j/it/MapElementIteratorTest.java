package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.bpf4j.attach.plugins.IteratorLink;
import io.bpf4j.attach.plugins.IteratorOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.testkit.BpfObjectResource;
import io.bpf4j.testkit.BpfTest;
import io.bpf4j.testkit.OnKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code bpf_map_elem} iterator (Linux 5.9), which needs a map at attach, in Debian's kernels
 * under QEMU. The build host's kernel (6.18.44-fc) refuses to load it: {@code BPF_PROG_LOAD}
 * fails with EPERM before the verifier looks at a single instruction, for libbpf
 * ({@code bpftool prog load}) exactly as for bpf4j, and for every iterator whose context holds a
 * {@code PTR_TO_BUF} (bpf_map_elem, bpf_sk_storage_map, sockmap) while the other iterators
 * load: a property of that kernel, not of the loader. There the test skips with the reason.
 */
@BpfTest
class MapElementIteratorTest {

    @OnKernels({"5.10", "6.1", "6.12", "latest"})
    void walksTheGivenMapAndDetaches(@BpfObjectResource(Fixtures.OBJECT) BpfObject obj) throws Exception {
        obj.programs().forEach(p -> p.setAutoLoad(p.name().equals("dump_elem")));
        try {
            obj.load();
        } catch (BpfException e) {
            assumeFalse(e.errnoName().equals("EPERM"), "this kernel refuses map element iterators at load (EPERM"
                    + " before verification, libbpf too): " + e.getMessage());
            throw e;
        }
        assertTrue(obj.attachAll().isEmpty(), "bpf_map_elem needs a map: not auto-attached");
        for (int k = 1; k <= 3; k++) {
            obj.map("walked").update(le(k, 4), le(k * 10L, 8));
        }
        IteratorLink link = (IteratorLink) obj.program("dump_elem").attach(IteratorOptions.map(obj.map("walked").fd()));
        String out = new String(link.readAll(), StandardCharsets.UTF_8);
        assertEquals(List.of("1=10", "2=20", "3=30"), out.lines().sorted().collect(Collectors.toList()));
        obj.map("walked").update(le(4, 4), le(40, 8));
        assertTrue(new String(link.readAll(), StandardCharsets.UTF_8).contains("4=40"), "each read walks anew");
        link.close();
        assertFalse(link.isOpen());
    }

    private static byte[] le(long value, int size) {
        byte[] all = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return java.util.Arrays.copyOf(all, size);
    }
}
