package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.btf.BtfType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BpfObject#coreBtf}: CO-RE relocated against a BTF file rather than the running kernel. */
class CoreBtfOptionTest {
    private static final String OBJECT = "/META-INF/bpf/core_custom.bpf.o";

    @Test
    void relocatesAgainstTheGivenBtfFile(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("fake-vmlinux.btf");
        try (BpfObject target = BpfObject.openResource(CoreBtfOptionTest.class, "/META-INF/bpf/core_custom_target.bpf.o")) {
            Files.write(fake, target.spec().btf().orElseThrow().toBytes());
        }
        try (BpfObject obj = BpfObject.openResource(CoreBtfOptionTest.class, OBJECT)) {
            obj.coreBtf(fake).load();
            assertEquals(5 * 8, obj.program("pid_offset").testRun(null, new byte[8]).retval(), "pad[5] then pid");
        }
        try (BpfObject obj = BpfObject.openResource(CoreBtfOptionTest.class, OBJECT)) {
            obj.load();
            assertEquals(kernelPidOffset(), obj.program("pid_offset").testRun(null, new byte[8]).retval());
        }
    }

    @Test
    void refusedAfterLoad(@TempDir Path dir) {
        try (BpfObject obj = BpfObject.openResource(CoreBtfOptionTest.class, OBJECT)) {
            obj.load();
            assertThrows(IllegalStateException.class, () -> obj.coreBtf(dir.resolve("any.btf")));
        }
    }

    /** task_struct.pid's byte offset, read from the kernel's BTF without the relocator. */
    private static int kernelPidOffset() {
        Btf kernel = Btf.kernel();
        BtfType.Struct task = (BtfType.Struct) kernel.type(kernel.findByName("task_struct", BtfKind.STRUCT));
        return (int) (task.members().stream().filter(m -> m.name().equals("pid")).findFirst().orElseThrow().bitOffset() / 8);
    }
}
