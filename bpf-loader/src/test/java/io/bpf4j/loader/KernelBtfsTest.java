package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.KernelType;
import io.bpf4j.btf.Btf;
import io.bpf4j.btf.BtfKind;
import io.bpf4j.loader.internal.KernelBtfType;
import io.bpf4j.loader.internal.KernelBtfs;
import io.bpf4j.loader.internal.LoaderServices;
import io.bpf4j.loader.internal.ModuleBtf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loader's view of the kernel's BTF on this host: vmlinux, plus whatever module BTF
 * {@code /sys/kernel/btf} lists (none here; the VMs have 9p's, see KernelModulesTest in
 * bpf4j-integration-tests).
 */
class KernelBtfsTest {
    private final KernelBtfs kernel = LoaderServices.defaults().kernelBtfs();

    @Test
    void vmlinuxTypesAreFoundFirstWithObjectIdZero() {
        assertSame(LoaderServices.defaults().kernelBtf(), kernel.vmlinux(), "one vmlinux BTF per process");
        KernelBtfType task = kernel.find("task_struct", BtfKind.STRUCT).orElseThrow();
        assertEquals(KernelBtfs.VMLINUX, task.module());
        assertEquals(0, task.btfObjectId());
        assertTrue(task.inVmlinux());
        assertEquals(kernel.vmlinux().findByName("task_struct", BtfKind.STRUCT), task.typeId());
        assertFalse(kernel.find("bpf4j_no_such_type", BtfKind.STRUCT).isPresent());
    }

    @Test
    void modulesAreWhatSysfsListsEachWithItsKernelObject() throws IOException {
        List<String> listed;
        try (Stream<Path> files = Files.list(Btf.KERNEL_BTF.getParent())) {
            listed = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("vmlinux")).sorted().toList();
        }
        List<ModuleBtf> modules = kernel.modules();
        assertEquals(listed, modules.stream().map(ModuleBtf::name).toList());
        for (ModuleBtf m : modules) {
            assertTrue(m.btfObjectId() > 0, m.name() + " has a BTF object id");
            assertSame(kernel.vmlinux(), m.btf().base().orElseThrow(), "split over the shared vmlinux");
        }
        assertSame(modules, kernel.modules(), "read once");
    }

    @Test
    void theLoadContextAnswersForPlugins() {
        KernelType vfsUnlink = kernel.loadContext().findKernelType(null, "vfs_unlink", BtfKind.FUNC).orElseThrow();
        assertEquals(new KernelType(KernelType.VMLINUX, 0,
                kernel.vmlinux().findByName("vfs_unlink", BtfKind.FUNC)), vfsUnlink);
        assertFalse(kernel.loadContext().findKernelType("bpf4j_no_module", "vfs_unlink", BtfKind.FUNC).isPresent());
    }
}
