package io.bpf4j.maven.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an external tool to completion and keeps what it printed, so a failure can be reported
 * with the tool's own words.
 */
final class ProcessRunner {

    /**
     * What a finished process left behind.
     *
     * @param exitCode its exit status
     * @param output   what it printed on stderr (and on stdout, unless stdout went to a file)
     */
    record Result(int exitCode, String output) {
        /** {@return whether the process exited with status 0} */
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ProcessRunner() {
    }

    /**
     * Runs a command with stdout and stderr merged.
     *
     * @param command the program and its arguments
     * @return the exit status and the output
     * @throws IOException when the program cannot be started
     * @throws InterruptedException when the build is interrupted while waiting
     */
    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, null);
    }

    /**
     * Runs a command.
     *
     * @param command the program and its arguments
     * @param stdout  a file receiving stdout (stderr is kept), or null to merge stdout into the output
     * @return the exit status and the output
     * @throws IOException when the program cannot be started
     * @throws InterruptedException when the build is interrupted while waiting
     */
    static Result run(List<String> command, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (stdout == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectOutput(stdout.toFile());
        }
        Process process = builder.start();
        try (InputStream in = process.getInputStream()) {
            // Read before waiting: a chatty tool would otherwise block on a full pipe.
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (stdout != null) {
                try (InputStream err = process.getErrorStream()) {
                    output = new String(err.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Result(process.waitFor(), output);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
