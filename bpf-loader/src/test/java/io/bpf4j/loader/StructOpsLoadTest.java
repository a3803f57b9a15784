package io.bpf4j.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.syscall.MapType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * struct_ops maps that do not fit the running kernel fail the load with one
 * {@link StructOpsException} naming the object, the map and the member, and leave nothing behind.
 * (Registering a struct_ops map that fits, a BPF TCP congestion control, is tested end to end in
 * bpf4j-integration-tests' StructOpsTest.)
 */
class StructOpsLoadTest {

    @Test
    void structTheKernelDoesNotHaveIsNamed() {
        Map<Integer, String> before = OpenFds.snapshot();
        try (BpfObject obj = BpfObject.openResource(StructOpsLoadTest.class, "/META-INF/bpf/struct_ops_unknown.bpf.o")) {
            BpfMap map = obj.map("unknown_ops");
            assertEquals(MapType.STRUCT_OPS, map.type());
            StructOpsException e = assertThrows(StructOpsException.class, obj::load);
            assertEquals("struct_ops_unknown", e.objectName());
            assertEquals("unknown_ops", e.mapName());
            assertEquals(Optional.empty(), e.member());
            assertTrue(e.getMessage().contains("struct bpf4j_no_such_ops"), e.getMessage());
            assertFalse(map.isLoaded());
            assertFalse(obj.program("unknown_run").isLoaded());
        }
        assertEquals(before, OpenFds.snapshot(), "the object's BTF, loaded before the failure, is closed");
    }

    @Test
    void memberTheKernelDoesNotHaveIsNamed() {
        Map<Integer, String> before = OpenFds.snapshot();
        try (BpfObject obj = BpfObject.openResource(StructOpsLoadTest.class, "/META-INF/bpf/struct_ops_misfit.bpf.o")) {
            StructOpsException e = assertThrows(StructOpsException.class, obj::load);
            assertEquals("misfit_member", e.mapName());
            assertEquals(Optional.of("bpf4j_not_in_the_kernel"), e.member());
            assertTrue(e.getMessage().startsWith("struct_ops_misfit: struct_ops map 'misfit_member', member"
                    + " 'bpf4j_not_in_the_kernel'"), e.getMessage());
            assertTrue(e.getMessage().contains("tcp_congestion_ops"), "the flavour suffix is dropped: " + e.getMessage());
            assertThrows(IllegalStateException.class, () -> obj.map("misfit_member").attachStructOps(),
                    "not loaded");
        }
        assertEquals(before, OpenFds.snapshot());
    }

    @Test
    void onlyStructOpsMapsAttachAsStructOps() {
        try (BpfObject obj = BpfObject.openResource(StructOpsLoadTest.class, "/META-INF/bpf/globals.bpf.o")) {
            obj.load();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> obj.map(".bss").attachStructOps());
            assertTrue(e.getMessage().contains("not a struct_ops map"), e.getMessage());
        }
    }
}
