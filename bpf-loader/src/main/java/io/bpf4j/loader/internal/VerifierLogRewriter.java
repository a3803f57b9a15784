package io.bpf4j.loader.internal;

import io.bpf4j.syscall.BpfException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a verifier rejection that happened at an instruction the loader poisoned.
 *
 * <p>A poisoned instruction is a call of a helper that does not exist; the verifier rejects it
 * only when it can reach it, and then ends its log with two lines such as
 * <pre>{@code
 * 12: (85) call unknown#195896080
 * invalid func unknown#195896080
 * }</pre>
 * which say nothing about the cause. As libbpf does ({@code fixup_verifier_log}), the rewriter
 * looks for this pair among the last lines of the log, takes the instruction index (counted
 * in 8-byte slots, as {@link PoisonedInstruction#instructionIndex()}) and replaces the pair by
 * <pre>{@code
 * 12: <invalid CO-RE relocation>
 * failed to resolve CO-RE relocation <byte_off> [7] struct task_struct___x.no_such_field (0:1 @ offset 8)
 * }</pre>
 * The headline in angle brackets follows from the poison number libbpf uses ({@code
 * 195896080 = 0xbad2310} for CO-RE, {@code 2002000000 + n} for kfunc calls, {@code
 * 2001000000 + n} for map loads); the second line is the poisoned instruction's description.
 * The rewritten failure is a new {@link BpfException} (so callers that catch it keep working)
 * whose detail names the program, the description and the instruction's source line, whose log
 * is the rewritten log, and whose cause is the kernel's original failure.
 */
public final class VerifierLogRewriter {
    /** libbpf's poison for a CO-RE relocation that did not resolve ({@code relo_core.c}: 0xbad2310). */
    static final long CORE_POISON = 0xbad2310L;
    /** libbpf's {@code POISON_LDIMM64_MAP_BASE}: an ld_imm64 of a map that was not created. */
    static final long MAP_POISON_BASE = 2_001_000_000L;
    /** libbpf's {@code POISON_CALL_KFUNC_BASE}: a call of a kfunc that was not resolved. */
    static final long KFUNC_POISON_BASE = 2_002_000_000L;
    /** libbpf looks at the last ten lines: the error and the statistics after it. */
    private static final int TAIL_LINES = 10;

    private static final Pattern ERROR = Pattern.compile("invalid func unknown#(\\d+)");
    private static final Pattern CALL = Pattern.compile("(\\d+): \\(85\\) call unknown#(\\d+)");

    private VerifierLogRewriter() {
    }

    /**
     * Rewrites a program load failure if it happened at a poisoned instruction.
     *
     * @param failure  what {@code bpf(BPF_PROG_LOAD)} threw
     * @param program  names the program for the message, e.g. {@code program 'x' in obj}
     * @param poisoned the program's poisoned instructions
     * @param source   the program's source lines, for the message
     * @return a new exception with the explanation, or {@code failure} itself when its log does
     *     not end at one of the poisoned instructions
     */
    public static BpfException rewrite(BpfException failure, String program, List<PoisonedInstruction> poisoned,
            SourceLines source) {
        if (poisoned.isEmpty() || failure.log().isEmpty()) {
            return failure;
        }
        String log = failure.log().get();
        List<String> lines = new ArrayList<>(Arrays.asList(log.split("\n", -1)));
        for (int i = lines.size() - 1; i >= 1 && i >= lines.size() - TAIL_LINES; i--) {
            Matcher error = ERROR.matcher(lines.get(i));
            if (!error.matches()) {
                continue;
            }
            Matcher call = CALL.matcher(lines.get(i - 1));
            if (!call.matches() || !call.group(2).equals(error.group(1))) {
                return failure;
            }
            int index = Integer.parseInt(call.group(1));
            Optional<PoisonedInstruction> hit = poisoned.stream().filter(p -> p.instructionIndex() == index).findFirst();
            if (hit.isEmpty()) {
                return failure;
            }
            String description = hit.get().description();
            lines.set(i - 1, index + ": <" + headline(Long.parseLong(error.group(1))) + ">");
            lines.set(i, description);
            String where = source.at(index).map(s -> " at " + s).orElse("");
            String detail = program + ": instruction " + index + ": " + description + where;
            BpfException rewritten = new BpfException(failure.call(), failure.errno(), detail, String.join("\n", lines));
            rewritten.initCause(failure);
            return rewritten;
        }
        return failure;
    }

    /** The first line of libbpf's replacement, from what the poison number says was missing. */
    static String headline(long poison) {
        if (poison == CORE_POISON) {
            return "invalid CO-RE relocation";
        }
        if (poison >= KFUNC_POISON_BASE && poison < KFUNC_POISON_BASE + 1_000_000L) {
            return "invalid kfunc call";
        }
        if (poison >= MAP_POISON_BASE && poison < MAP_POISON_BASE + 1_000_000L) {
            return "invalid BPF map reference";
        }
        return "poisoned instruction";
    }
}
