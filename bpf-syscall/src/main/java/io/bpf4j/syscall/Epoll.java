package io.bpf4j.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.bpf4j.syscall.internal.EpollEventLayout;
import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.SyscallNumbers;
import io.bpf4j.syscall.internal.ThreadScratch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An epoll instance ({@code epoll(7)}): waits until ring buffers, perf buffers or other file
 * descriptors are ready, and reports the caller's token for each.
 *
 * <pre>{@code
 * try (Epoll epoll = Epoll.create()) {
 *     epoll.add(ringbufFd, Epoll.EPOLLIN, 1);
 *     long[] ready = new long[8];
 *     int n = epoll.wait(ready, 100);   // tokens of the ready descriptors in ready[0..n)
 * }
 * }</pre>
 *
 * <p>{@link #add}, {@link #modify} and {@link #remove} may be called from any thread;
 * {@link #wait} from one thread at a time (it reuses one event buffer).
 */
public final class Epoll implements AutoCloseable {
    /** {@code EPOLLIN}: readable. */
    public static final int EPOLLIN = 0x001;
    /** {@code EPOLLPRI}. */
    public static final int EPOLLPRI = 0x002;
    /** {@code EPOLLOUT}: writable. */
    public static final int EPOLLOUT = 0x004;
    /** {@code EPOLLERR}. */
    public static final int EPOLLERR = 0x008;
    /** {@code EPOLLHUP}. */
    public static final int EPOLLHUP = 0x010;
    /** {@code EPOLLET}: edge-triggered. */
    public static final int EPOLLET = 1 << 31;

    private final OwnedFd fd;
    private Memory events = new Memory(16L * EpollEventLayout.SIZE);
    private ByteBuffer eventsView = view(events);
    private int capacity = 16;

    private Epoll(OwnedFd fd) {
        this.fd = fd;
    }

    /**
     * {@return a new epoll instance ({@code epoll_create1(EPOLL_CLOEXEC)})}
     *
     * @throws BpfException if the kernel refuses
     */
    public static Epoll create() {
        long rc = LibC.syscall(SyscallNumbers.EPOLL_CREATE1, EpollEventLayout.EPOLL_CLOEXEC, 0, 0);
        if (rc < 0) {
            throw new BpfException("epoll_create1", LibC.errno(), "", null);
        }
        return new Epoll(OwnedFd.adopt((int) rc, "epoll"));
    }

    /** {@return the epoll descriptor} */
    public int fd() {
        return fd.fd();
    }

    /**
     * Watches {@code target} for {@code events} ({@code EPOLL_CTL_ADD}).
     *
     * @param token reported by {@link #wait} when {@code target} is ready
     * @throws BpfException if the kernel refuses (e.g. {@code EEXIST}, {@code EBADF})
     */
    public void add(int target, int events, long token) {
        ctl(EpollEventLayout.EPOLL_CTL_ADD, "EPOLL_CTL_ADD", target, events, token);
    }

    /** Changes the events and token of a watched descriptor ({@code EPOLL_CTL_MOD}). */
    public void modify(int target, int events, long token) {
        ctl(EpollEventLayout.EPOLL_CTL_MOD, "EPOLL_CTL_MOD", target, events, token);
    }

    /** Stops watching {@code target} ({@code EPOLL_CTL_DEL}). */
    public void remove(int target) {
        ctl(EpollEventLayout.EPOLL_CTL_DEL, "EPOLL_CTL_DEL", target, 0, 0);
    }

    private void ctl(int op, String opName, int target, int events, long token) {
        ThreadScratch scratch = ThreadScratch.get();
        ByteBuffer event = scratch.clearAttr(EpollEventLayout.SIZE);
        event.putInt(EpollEventLayout.EVENTS, events);
        event.putLong(EpollEventLayout.DATA, token);
        long rc = LibC.syscall(SyscallNumbers.EPOLL_CTL, fd.fd(), op, target, scratch.attrAddress, 0, 0);
        if (rc < 0) {
            throw new BpfException("epoll_ctl(" + opName + ")", LibC.errno(), "fd " + target, null);
        }
    }

    /**
     * Waits until at least one watched descriptor is ready or the timeout passes
     * ({@code epoll_pwait} with no signal mask).
     *
     * @param tokensOut receives the tokens of the ready descriptors; its length is the most
     *     reported at once
     * @param timeoutMillis -1 = forever, 0 = poll
     * @return how many tokens were written; 0 on timeout or when a signal interrupted the wait
     * @throws BpfException if the kernel refuses
     */
    public int wait(long[] tokensOut, int timeoutMillis) {
        int max = tokensOut.length;
        if (max == 0) {
            throw new IllegalArgumentException("tokensOut is empty");
        }
        if (max > capacity) {
            Memory old = events;
            events = new Memory((long) max * EpollEventLayout.SIZE);
            eventsView = view(events);
            capacity = max;
            old.close();
        }
        long rc = LibC.syscall(SyscallNumbers.EPOLL_PWAIT, fd.fd(), Pointer.nativeValue(events), max,
                timeoutMillis, 0, 8);
        if (rc < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw new BpfException("epoll_pwait", errno, "epoll fd " + fd.fd(), null);
        }
        int n = (int) rc;
        for (int i = 0; i < n; i++) {
            tokensOut[i] = eventsView.getLong(i * EpollEventLayout.SIZE + EpollEventLayout.DATA);
        }
        return n;
    }

    /** Closes the epoll descriptor (idempotent). */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "Epoll[" + fd + "]";
    }

    private static ByteBuffer view(Memory memory) {
        return memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
    }
}
