package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpf4j.syscall.internal.LibC;

/**
 * The process's {@code RLIMIT_MEMLOCK}, which kernels before 5.11 charge every map, program and
 * BTF object to; from 5.11 BPF memory is charged to the memory cgroup instead.
 *
 * <p>bpf4j does what libbpf does: before the first map, program or BTF object the process
 * creates through {@link Bpf}, it finds out once whether BPF memory is charged to memory
 * cgroups: always from 5.11, and on an older kernel only if a program calling
 * {@code bpf_ktime_get_coarse_ns}, a helper that arrived with that change, loads (libbpf's
 * probe, which finds backports). When it is not, the soft and hard limits are raised to
 * {@link #raiseTo(long) the configured value}, unlimited by default; raising needs
 * {@code CAP_SYS_RESOURCE} unless the hard limit already allows it. It happens at most once per
 * process. When the kernel later refuses with {@code EPERM}, the exception says what the limit
 * was and why it could not be raised.
 */
public final class MemlockLimit {
    /** {@code RLIM_INFINITY}: no limit. */
    public static final long UNLIMITED = -1L;

    private static final int RLIMIT_MEMLOCK = 8;
    /** {@code BPF_FUNC_ktime_get_coarse_ns} (Linux 5.11, with memcg accounting of BPF memory). */
    private static final int KTIME_GET_COARSE_NS = 160;

    private static final Object LOCK = new Object();
    private static volatile boolean checked;
    private static long target = UNLIMITED;
    private static boolean chargesMemcg;
    private static String raiseFailure;

    /**
     * A resource limit in bytes, {@link #UNLIMITED} for none.
     *
     * @param soft the limit enforced
     * @param hard the ceiling the soft limit may be raised to without privilege
     */
    public record Limit(long soft, long hard) {
        @Override
        public String toString() {
            return "soft " + format(soft) + ", hard " + format(hard);
        }

        private static String format(long bytes) {
            return bytes == UNLIMITED ? "unlimited" : bytes + " bytes";
        }
    }

    private MemlockLimit() {
    }

    /**
     * Sets what bpf4j raises the limit to on kernels that need it, like libbpf's
     * {@code libbpf_set_memlock_rlim}; 0 leaves the limit alone. Call it before the process's
     * first map, program or BTF object.
     *
     * @param bytes the new soft and hard limit, {@link #UNLIMITED}, or 0
     * @throws IllegalStateException once the limit has been checked
     */
    public static void raiseTo(long bytes) {
        synchronized (LOCK) {
            if (checked) {
                throw new IllegalStateException("RLIMIT_MEMLOCK was already checked when the first BPF object was"
                        + " created; set the limit to raise to before that");
            }
            target = bytes;
        }
    }

    /** {@return the process's RLIMIT_MEMLOCK now} */
    public static Limit current() {
        try (Memory rlim = new Memory(16)) {
            if (LibC.getrlimit(RLIMIT_MEMLOCK, Pointer.nativeValue(rlim)) != 0) {
                throw new BpfException("getrlimit(RLIMIT_MEMLOCK)", LibC.errno(), "this process", null);
            }
            return new Limit(rlim.getLong(0), rlim.getLong(8));
        }
    }

    /**
     * {@return whether this kernel charges BPF memory to memory cgroups rather than to
     * RLIMIT_MEMLOCK} Asks the kernel the first time.
     */
    public static boolean kernelChargesMemcg() {
        ensureChecked();
        synchronized (LOCK) {
            return chargesMemcg;
        }
    }

    /** Checks once, before the first BPF object, and raises the limit if this kernel needs it. */
    static void ensureChecked() {
        if (checked) {
            return;
        }
        synchronized (LOCK) {
            if (checked) {
                return;
            }
            // From 5.11 no kernel charges the limit; the probe finds older kernels with the change
            // backported, and needs privileges that the version check does not.
            chargesMemcg = releaseAtLeast511(System.getProperty("os.version")) || probeLoads();
            if (!chargesMemcg && target != 0) {
                raiseFailure = raise(target);
            }
            checked = true;
        }
    }

    /**
     * {@return what to add to an {@code EPERM} message when the limit may be the cause, else
     * ""}
     */
    static String hintFor(int errno) {
        if (errno != Errno.EPERM || !checked) {
            return "";
        }
        synchronized (LOCK) {
            if (chargesMemcg) {
                return "";
            }
            // The probe fails the same way without privileges, so this is said as a possibility.
            return " (RLIMIT_MEMLOCK is " + current() + ": kernels before 5.11 charge BPF memory to it"
                    + (raiseFailure != null ? "; raising it failed: " + raiseFailure
                    : target == 0 ? "; raising it is turned off" : "") + ")";
        }
    }

    private static String raise(long bytes) {
        try (Memory rlim = new Memory(16)) {
            rlim.setLong(0, bytes);
            rlim.setLong(8, bytes);
            if (LibC.setrlimit(RLIMIT_MEMLOCK, Pointer.nativeValue(rlim)) != 0) {
                int errno = LibC.errno();
                return "setrlimit: " + Errno.name(errno) + " (needs CAP_SYS_RESOURCE)";
            }
            return null;
        }
    }

    /** {@return whether a program calling {@code bpf_ktime_get_coarse_ns} loads} */
    static boolean probeLoads() {
        return Bpf.loadsAndCloses(ProgLoadRequest.builder(ProgramType.SOCKET_FILTER,
                callThenExit(KTIME_GET_COARSE_NS)).license("GPL").build());
    }

    /** {@return whether a kernel release such as {@code 6.1.0-50-amd64} is 5.11 or later} */
    static boolean releaseAtLeast511(String release) {
        String[] parts = release.split("[.-]", 3);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 5 || (major == 5 && minor >= 11);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@return {@code call helper; exit}, 16 bytes of BPF instructions} */
    private static byte[] callThenExit(int helper) {
        byte[] insns = new byte[16];
        insns[0] = (byte) 0x85;                 // BPF_JMP | BPF_CALL
        insns[4] = (byte) helper;
        insns[5] = (byte) (helper >>> 8);
        insns[8] = (byte) 0x95;                 // BPF_JMP | BPF_EXIT
        return insns;
    }
}
