package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.ProgramType;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * freplace: one object's program replaces a global function of another loaded program. The
 * replacement itself runs in {@link KernelHooksTest} (on the host and in the VMs); this host's
 * kernel refuses freplace programs (DESIGN.md).
 */
class FreplaceTest {
    private static BpfObject open(String name) {
        return BpfObject.openResource(FreplaceTest.class, "/META-INF/bpf/" + name + ".bpf.o");
    }

    @Test
    void attachTargetMustNameAFunctionOfTheTarget() {
        try (BpfObject target = open("freplace_target"); BpfObject ext = open("freplace_ext")) {
            target.load();
            BpfProgram replacement = ext.program("replaced_value");
            assertEquals(ProgramType.EXT, replacement.type());
            NoSuchElementException e = assertThrows(NoSuchElementException.class,
                    () -> replacement.setAttachTarget(target.program("run_target"), "no_such_function"));
            assertEquals(true, e.getMessage().contains("no_such_function"));
        }
    }
}
