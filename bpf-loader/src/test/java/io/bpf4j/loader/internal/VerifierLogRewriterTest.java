package io.bpf4j.loader.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.syscall.BpfException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rewriting rules on logs shaped as the verifier writes them; the kernel's own logs are
 * checked in {@code CoreFailureTest}.
 */
class VerifierLogRewriterTest {
    private static final int EINVAL = 22;

    private static BpfException failure(String log) {
        return new BpfException("bpf(BPF_PROG_LOAD)", EINVAL, "program p", log);
    }

    @Test
    void kfuncPoisonGetsLibbpfsHeadline() {
        String log = "func#0 @0\n0: R1=ctx() R10=fp0\n; bpf_nonexistent_kfunc(); @ x.bpf.c:7\n"
                + "0: (85) call unknown#2002000003\ninvalid func unknown#2002000003\n"
                + "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";
        BpfException e = VerifierLogRewriter.rewrite(failure(log), "program 'p' in x",
                List.of(new PoisonedInstruction(0, "kfunc 'bpf_nonexistent_kfunc' is referenced but wasn't resolved")),
                SourceLines.none());
        assertEquals(log.replace("0: (85) call unknown#2002000003\ninvalid func unknown#2002000003\n",
                "0: <invalid kfunc call>\nkfunc 'bpf_nonexistent_kfunc' is referenced but wasn't resolved\n"),
                e.log().orElseThrow());
        assertTrue(e.getMessage().startsWith("bpf(BPF_PROG_LOAD) failed: EINVAL (Invalid argument): program 'p' in x: "
                + "instruction 0: kfunc 'bpf_nonexistent_kfunc' is referenced but wasn't resolved"), e.getMessage());
        assertEquals(EINVAL, e.errno());
    }

    @Test
    void otherFailuresPassThrough() {
        List<PoisonedInstruction> poisoned = List.of(new PoisonedInstruction(4, "failed to resolve CO-RE relocation x"));
        BpfException elsewhere = failure("4: (85) call unknown#195896080\ninvalid func unknown#195896080\n"
                .replace("4:", "7:"));
        assertSame(elsewhere, VerifierLogRewriter.rewrite(elsewhere, "p", poisoned, SourceLines.none()),
                "an unknown call at an instruction the loader did not poison");
        BpfException other = failure("4: (79) r0 = *(u64 *)(r0 +0)\nR0 invalid mem access 'map_value_or_null'\n");
        assertSame(other, VerifierLogRewriter.rewrite(other, "p", poisoned, SourceLines.none()));
        BpfException noLog = failure(null);
        assertSame(noLog, VerifierLogRewriter.rewrite(noLog, "p", poisoned, SourceLines.none()));
    }
}
