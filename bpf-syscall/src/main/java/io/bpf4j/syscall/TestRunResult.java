package io.bpf4j.syscall;

/**
 * The outcome of {@link Bpf#progTestRun}.
 *
 * @param retval the program's return value ({@code r0}) of the last run
 * @param duration average run time in nanoseconds
 * @param dataOut the output data (as long as the kernel reported), empty if none was asked for
 * @param ctxOut the output context, empty if none was asked for
 */
public record TestRunResult(int retval, int duration, byte[] dataOut, byte[] ctxOut) {
    /** Copies the arrays. */
    public TestRunResult {
        dataOut = dataOut == null ? new byte[0] : dataOut.clone();
        ctxOut = ctxOut == null ? new byte[0] : ctxOut.clone();
    }

    /** {@return a copy of the output data} */
    @Override
    public byte[] dataOut() {
        return dataOut.clone();
    }

    /** {@return a copy of the output context} */
    @Override
    public byte[] ctxOut() {
        return ctxOut.clone();
    }
}
