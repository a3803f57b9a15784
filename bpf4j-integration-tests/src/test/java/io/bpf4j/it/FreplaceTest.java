package io.bpf4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.plugins.FreplaceOptions;
import io.bpf4j.loader.BpfObject;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.ProgramType;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** freplace: one object's program replaces a global function of another loaded program. */
class FreplaceTest {
    private static final byte[] RAW_TP_ARGS = new byte[8];

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

    @Test
    void replacesTheTargetsFunction() {
        try (BpfObject target = open("freplace_target"); BpfObject ext = open("freplace_ext")) {
            target.load();
            BpfProgram run = target.program("run_target");
            assertEquals(2, run.testRun(null, RAW_TP_ARGS).retval(), "the original function");

            BpfProgram replacement = ext.program("replaced_value");
            replacement.setAttachTarget(run, "chosen_value");
            try {
                ext.load();
            } catch (BpfException e) {
                // DESIGN.md: this host refuses trampoline programs (EPERM, empty log); the VMs run them.
                assumeFalse(e.errnoName().equals("EPERM"), "this kernel refuses freplace programs: " + e.getMessage());
                throw e;
            }
            try (Link link = replacement.attach(new FreplaceOptions(run.fd(), 0))) {
                assertEquals(true, link.isOpen());
                assertEquals(42, run.testRun(null, RAW_TP_ARGS).retval(), "the replacement runs");
            }
            assertEquals(2, run.testRun(null, RAW_TP_ARGS).retval(), "detached: the original again");
        }
    }
}
