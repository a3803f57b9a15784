package io.bpf4j.testkit;

/**
 * A feature the running kernel should have, by its version, was reported
 * missing: a {@link RequiresFeature} test fails with this instead of being
 * skipped (a skip there would hide a regression, in the kernel or in bpf4j).
 */
public final class UnsupportedFeatureError extends AssertionError {
    private static final long serialVersionUID = 1L;

    /**
     * @param probe   what the probe found
     * @param minimum the feature's known minimum version
     * @param running the running kernel
     */
    public UnsupportedFeatureError(ProbeResult probe, KernelVersion minimum, KernelVersion running) {
        super(probe.feature() + " is reported missing (" + probe.reason() + ") on kernel " + running
                + ", but it exists since " + minimum.major() + "." + minimum.minor()
                + ": a skip here would hide a regression");
    }
}
