package io.bpf4j.examples.bootstrap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One record of bootstrap.bpf.c's ring buffer ({@code struct bootstrap_event}
 * in bootstrap.h; the offsets below follow that layout).
 *
 * @param exit       true for a process exit, false for an exec
 * @param pid        the process id
 * @param ppid       the parent's process id
 * @param exitCode   the exit status (exits only)
 * @param durationNs how long the process ran since its exec (exits only; 0 when unknown)
 * @param comm       the task's command name
 * @param filename   the executed file (execs only)
 */
public record BootstrapEvent(boolean exit, int pid, int ppid, int exitCode, long durationNs, String comm,
                             String filename) {
    private static final int DURATION = 0;
    private static final int PID = 8;
    private static final int PPID = 12;
    private static final int EXIT_CODE = 16;
    private static final int IS_EXIT = 20;
    private static final int COMM = 24;
    private static final int COMM_LEN = 16;
    private static final int FILENAME = COMM + COMM_LEN;
    private static final int FILENAME_LEN = 128;
    /** sizeof(struct bootstrap_event). */
    static final int SIZE = FILENAME + FILENAME_LEN;

    /**
     * Decodes a record.
     *
     * @param record the ring buffer record, host byte order
     * @return the event
     */
    public static BootstrapEvent decode(ByteBuffer record) {
        if (record.remaining() < SIZE) {
            throw new IllegalArgumentException("record of " + record.remaining() + " bytes, expected " + SIZE);
        }
        return new BootstrapEvent(
                record.get(IS_EXIT) != 0,
                record.getInt(PID),
                record.getInt(PPID),
                record.getInt(EXIT_CODE),
                record.getLong(DURATION),
                cString(record, COMM, COMM_LEN),
                cString(record, FILENAME, FILENAME_LEN));
    }

    private static String cString(ByteBuffer buffer, int offset, int max) {
        int length = 0;
        while (length < max && buffer.get(offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
