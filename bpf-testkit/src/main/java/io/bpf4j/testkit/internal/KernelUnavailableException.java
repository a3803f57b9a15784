package io.bpf4j.testkit.internal;

/**
 * A kernel for the VM runner could not be fetched or unpacked (no network, no
 * such suite, no apt). Tests on that kernel are skipped with this message:
 * they never pass.
 */
public final class KernelUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    KernelUnavailableException(String message) {
        super(message);
    }

    KernelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
