package io.bpf4j.syscall.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the lines of a verifier or BTF log worth putting in an exception message: the last ones
 * that say what went wrong, skipping the statistics the verifier appends after the error
 * ({@code processed N insns ...}, {@code verification time ...}) and blank lines.
 */
public final class LogSummary {
    /** How many meaningful lines a message shows. */
    public static final int LINES = 2;

    private LogSummary() {
    }

    /** {@return up to {@link #LINES} last meaningful lines of {@code log}, oldest first} */
    public static List<String> lastMeaningfulLines(String log) {
        List<String> picked = new ArrayList<>(LINES);
        if (log == null) {
            return picked;
        }
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0 && picked.size() < LINES; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !isStatistics(line)) {
                picked.add(0, line);
            }
        }
        return picked;
    }

    private static boolean isStatistics(String line) {
        return line.startsWith("processed ")
                || line.startsWith("verification time ")
                || line.startsWith("stack depth ")
                || line.startsWith("-- END PROG LOAD LOG --");
    }
}
