package io.bpf4j.testkit;

/**
 * What a feature probe found.
 *
 * @param support the answer
 * @param feature what was probed, e.g. {@code program type KPROBE}
 * @param reason  why, in words (the errno, the verifier's line, the missing file)
 */
public record ProbeResult(Support support, String feature, String reason) {
    /** The three answers a probe gives; a probe never throws. */
    public enum Support {
        /** The kernel has it. */
        SUPPORTED,
        /** The kernel does not know it (it answered as kernels without the feature do, e.g. EINVAL). */
        UNSUPPORTED,
        /** The kernel refused for another reason: a configuration option, lockdown, a privilege. */
        INCONCLUSIVE
    }

    static ProbeResult yes(String feature) {
        return new ProbeResult(Support.SUPPORTED, feature, "supported");
    }

    static ProbeResult no(String feature, String reason) {
        return new ProbeResult(Support.UNSUPPORTED, feature, reason);
    }

    static ProbeResult inconclusive(String feature, String reason) {
        return new ProbeResult(Support.INCONCLUSIVE, feature, reason);
    }

    /** {@return true when {@link #support()} is SUPPORTED} */
    public boolean supported() {
        return support == Support.SUPPORTED;
    }

    @Override
    public String toString() {
        return feature + ": " + support.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + ")";
    }
}
