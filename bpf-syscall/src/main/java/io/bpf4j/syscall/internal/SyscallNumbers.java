package io.bpf4j.syscall.internal;

import java.util.Locale;

/**
 * System call numbers of the running architecture. x86_64 numbers come from
 * {@code arch/x86/entry/syscalls/syscall_64.tbl} (glibc's {@code <asm/unistd_64.h>}); aarch64 uses
 * the generic table ({@code include/uapi/asm-generic/unistd.h}), which has no {@code epoll_wait},
 * so bpf4j calls {@code epoll_pwait} with a null signal mask on both.
 */
public final class SyscallNumbers {
    /** Normalised {@code os.arch}: {@code x86_64} or {@code aarch64}. */
    public static final String ARCH;
    public static final int READ;
    public static final int WRITE;
    public static final int CLOSE;
    public static final int MMAP;
    public static final int MUNMAP;
    public static final int IOCTL;
    public static final int FCNTL;
    public static final int EPOLL_CREATE1;
    public static final int EPOLL_CTL;
    public static final int EPOLL_PWAIT;
    public static final int EVENTFD2;
    public static final int PERF_EVENT_OPEN;
    public static final int BPF;
    /** {@code socket(2)}, for netlink and socket filters. */
    public static final int SOCKET;
    /** {@code bind(2)}. */
    public static final int BIND;
    /** {@code sendto(2)}. */
    public static final int SENDTO;
    /** {@code recvfrom(2)}. */
    public static final int RECVFROM;
    /** {@code setsockopt(2)}. */
    public static final int SETSOCKOPT;
    /** {@code openat(2)}, for cgroup and network namespace descriptors. */
    public static final int OPENAT;

    static {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            throw new UnsupportedOperationException("bpf4j's system calls need Linux; this is " + os);
        }
        switch (arch) {
            case "amd64", "x86_64" -> {
                ARCH = "x86_64";
                READ = 0;
                WRITE = 1;
                CLOSE = 3;
                MMAP = 9;
                MUNMAP = 11;
                IOCTL = 16;
                FCNTL = 72;
                EPOLL_CTL = 233;
                EPOLL_PWAIT = 281;
                EVENTFD2 = 290;
                EPOLL_CREATE1 = 291;
                PERF_EVENT_OPEN = 298;
                BPF = 321;
                SOCKET = 41;
                SENDTO = 44;
                RECVFROM = 45;
                BIND = 49;
                SETSOCKOPT = 54;
                OPENAT = 257;
            }
            case "aarch64", "arm64" -> {
                ARCH = "aarch64";
                EVENTFD2 = 19;
                EPOLL_CREATE1 = 20;
                EPOLL_CTL = 21;
                EPOLL_PWAIT = 22;
                FCNTL = 25;
                IOCTL = 29;
                CLOSE = 57;
                READ = 63;
                WRITE = 64;
                MUNMAP = 215;
                MMAP = 222;
                PERF_EVENT_OPEN = 241;
                BPF = 280;
                OPENAT = 56;
                SOCKET = 198;
                BIND = 200;
                SENDTO = 206;
                RECVFROM = 207;
                SETSOCKOPT = 208;
            }
            default -> throw new UnsupportedOperationException(
                    "bpf4j knows the system call numbers of x86_64 and aarch64 only, not os.arch=" + arch);
        }
    }

    private SyscallNumbers() {
    }
}
