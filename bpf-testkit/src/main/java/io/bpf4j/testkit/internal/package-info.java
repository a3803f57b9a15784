/**
 * Internal: the extensions behind the testkit's annotations, the feature
 * probes' plumbing, and the VM runner (Debian kernels fetched with apt, a
 * busybox initramfs, QEMU, and the launcher that runs the tests in the guest).
 * Not an API: nothing here is exported.
 */
package io.bpf4j.testkit.internal;
