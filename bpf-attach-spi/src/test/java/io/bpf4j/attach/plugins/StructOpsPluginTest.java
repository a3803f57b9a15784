package io.bpf4j.attach.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.ProgramType;
import org.junit.jupiter.api.Test;

/**
 * struct_ops sections: found through the ServiceLoader registry, loaded as STRUCT_OPS with the
 * member and kernel struct left to the loader (they come from the map), never attached alone.
 * (Registering a struct_ops map is tested end to end in bpf4j-integration-tests' StructOpsTest.)
 */
class StructOpsPluginTest {

    private static ProgramDefinition define(String section) {
        return AttachPlugins.load().pluginFor(section).define(section, () -> {
            throw new AssertionError("no kernel BTF needed for " + section);
        });
    }

    @Test
    void callbacksLoadAsStructOpsAndLeaveTheTargetToTheLoader() {
        assertEquals("struct_ops", AttachPlugins.load().pluginFor("struct_ops/ssthresh").name());
        ProgramDefinition def = define("struct_ops/ssthresh");
        assertEquals(ProgramType.STRUCT_OPS, def.type());
        assertNull(def.expectedAttachType(), "the member index comes from the struct_ops map");
        assertEquals(0, def.attachBtfId(), "the kernel struct comes from the struct_ops map");
        assertFalse(def.sleepable());
        assertFalse(def.autoAttach());
        assertEquals(ProgramDefinition.BPF_F_SLEEPABLE, define("struct_ops.s/dispatch").programFlags());
        assertEquals(ProgramType.STRUCT_OPS, define("struct_ops").type());
    }

    @Test
    void attachingAloneSaysToAttachTheMap() {
        StructOpsPlugin plugin = new StructOpsPlugin();
        assertTrue(plugin.manualAttachHint("struct_ops/x").contains("attachStructOps()"));
        AttachException e = assertThrows(AttachException.class,
                () -> plugin.attach(AttachContext.of(0, "cc_init", "struct_ops/init", ProgramType.STRUCT_OPS)));
        assertTrue(e.getMessage().contains("cc_init") && e.getMessage().contains("struct_ops map"), e.getMessage());
        assertThrows(AttachException.class, () -> plugin.define("struct_opsx/y", null));
    }
}
