package io.bpf4j.syscall;

/**
 * What {@link Bpf#progTestRun} asks the kernel for: the {@code test} member of
 * {@code union bpf_attr} ({@code BPF_PROG_TEST_RUN}). Build one with {@link #builder}.
 *
 * @param progFd the program
 * @param dataIn packet or input data, or null (XDP and socket filters need at least an
 *     Ethernet header, 14 bytes)
 * @param dataSizeOut room for output data in bytes, 0 for none
 * @param ctxIn context input, or null
 * @param ctxSizeOut room for the output context in bytes, 0 for none
 * @param repeat how many times to run (0 means once)
 * @param flags {@code BPF_F_TEST_*} flags
 * @param cpu CPU to run on, with {@link #BPF_F_TEST_RUN_ON_CPU}
 * @param batchSize XDP live-frames batch size, else 0
 */
public record TestRunRequest(int progFd, byte[] dataIn, int dataSizeOut, byte[] ctxIn, int ctxSizeOut,
                             int repeat, int flags, int cpu, int batchSize) {
    /** {@code BPF_F_TEST_RUN_ON_CPU}: run on {@link #cpu()} (raw tracepoint programs). */
    public static final int BPF_F_TEST_RUN_ON_CPU = 1;
    /** {@code BPF_F_TEST_XDP_LIVE_FRAMES} (5.18): send XDP frames for real. */
    public static final int BPF_F_TEST_XDP_LIVE_FRAMES = 1 << 1;

    /** Checks and copies the arguments. */
    public TestRunRequest {
        if (dataSizeOut < 0 || ctxSizeOut < 0 || repeat < 0) {
            throw new IllegalArgumentException("negative size or repeat in " + "test run of prog fd " + progFd);
        }
        dataIn = dataIn == null ? null : dataIn.clone();
        ctxIn = ctxIn == null ? null : ctxIn.clone();
    }

    /** {@return a copy of the input data, or null} */
    @Override
    public byte[] dataIn() {
        return dataIn == null ? null : dataIn.clone();
    }

    /** {@return a copy of the input context, or null} */
    @Override
    public byte[] ctxIn() {
        return ctxIn == null ? null : ctxIn.clone();
    }

    byte[] dataInUnsafe() {
        return dataIn;
    }

    byte[] ctxInUnsafe() {
        return ctxIn;
    }

    /** {@return a builder for a test run of {@code progFd}} */
    public static Builder builder(int progFd) {
        return new Builder(progFd);
    }

    /** Builds a {@link TestRunRequest}. */
    public static final class Builder {
        private final int progFd;
        private byte[] dataIn;
        private int dataSizeOut;
        private byte[] ctxIn;
        private int ctxSizeOut;
        private int repeat;
        private int flags;
        private int cpu;
        private int batchSize;

        private Builder(int progFd) {
            this.progFd = progFd;
        }

        /** Sets the input data. */
        public Builder dataIn(byte[] dataIn) {
            this.dataIn = dataIn;
            return this;
        }

        /** Asks for up to {@code size} bytes of output data. */
        public Builder dataSizeOut(int size) {
            this.dataSizeOut = size;
            return this;
        }

        /** Sets the input context. */
        public Builder ctxIn(byte[] ctxIn) {
            this.ctxIn = ctxIn;
            return this;
        }

        /** Asks for up to {@code size} bytes of output context. */
        public Builder ctxSizeOut(int size) {
            this.ctxSizeOut = size;
            return this;
        }

        /** Sets the repeat count. */
        public Builder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        /** Sets {@code BPF_F_TEST_*} flags. */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /** Runs on {@code cpu} (sets {@link #BPF_F_TEST_RUN_ON_CPU}). */
        public Builder cpu(int cpu) {
            this.cpu = cpu;
            this.flags |= BPF_F_TEST_RUN_ON_CPU;
            return this;
        }

        /** Sets the XDP live-frames batch size. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** {@return the request} */
        public TestRunRequest build() {
            return new TestRunRequest(progFd, dataIn, dataSizeOut, ctxIn, ctxSizeOut, repeat, flags, cpu, batchSize);
        }
    }
}
