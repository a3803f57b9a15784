package io.bpf4j.syscall.internal;

/**
 * {@code struct epoll_event} ({@code include/uapi/linux/eventpoll.h}): {@code __u32 events} then
 * {@code __u64 data}. The UAPI header marks it {@code __attribute__((packed))} on x86_64 only
 * ({@code EPOLL_PACKED}), so there it is 12 bytes with {@code data} at 4; on aarch64 it has natural
 * alignment: 16 bytes with {@code data} at 8.
 */
public final class EpollEventLayout {
    private EpollEventLayout() {
    }

    public static final int EVENTS = 0;
    public static final int DATA;
    public static final int SIZE;

    static {
        boolean packed = SyscallNumbers.ARCH.equals("x86_64");
        DATA = packed ? 4 : 8;
        SIZE = packed ? 12 : 16;
    }

    /** {@code EPOLL_CTL_ADD}. */
    public static final int EPOLL_CTL_ADD = 1;
    /** {@code EPOLL_CTL_DEL}. */
    public static final int EPOLL_CTL_DEL = 2;
    /** {@code EPOLL_CTL_MOD}. */
    public static final int EPOLL_CTL_MOD = 3;
    /** {@code EPOLL_CLOEXEC} (= {@code O_CLOEXEC}). */
    public static final int EPOLL_CLOEXEC = 0x80000;
}
