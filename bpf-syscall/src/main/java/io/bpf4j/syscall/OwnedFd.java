package io.bpf4j.syscall;

import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.SyscallNumbers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor owned by exactly one Java object: the one that closes it. Every call of
 * {@link Bpf} that creates a kernel object returns one.
 *
 * <p>{@link #close()} is idempotent and thread-safe: the first call closes the descriptor, later
 * calls do nothing. After close, {@link #fd()} throws, so a closed (and maybe reused) number is
 * never handed to the kernel by mistake.
 */
public final class OwnedFd implements AutoCloseable {
    /** {@code F_DUPFD_CLOEXEC} ({@code include/uapi/linux/fcntl.h}). */
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int CLOSED = -1;

    private final AtomicInteger fd;
    private final String what;

    private OwnedFd(int fd, String what) {
        this.fd = new AtomicInteger(fd);
        this.what = what;
        CreationSites.created(fd);
    }

    /**
     * Takes ownership of {@code fd}.
     *
     * @param fd an open file descriptor nobody else will close
     * @param what what it is, for messages, e.g. {@code "map counts"}
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static OwnedFd adopt(int fd, String what) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd + " (" + what + ")");
        }
        return new OwnedFd(fd, what == null ? "fd" : what);
    }

    /**
     * {@return the descriptor number}
     *
     * @throws IllegalStateException if closed
     */
    public int fd() {
        int value = fd.get();
        if (value == CLOSED) {
            throw new IllegalStateException(what + " is closed");
        }
        return value;
    }

    /** {@return whether {@link #close()} has not been called yet} */
    public boolean isOpen() {
        return fd.get() != CLOSED;
    }

    /** {@return what this descriptor is, as given to {@link #adopt}} */
    public String what() {
        return what;
    }

    /**
     * Duplicates the descriptor ({@code fcntl(F_DUPFD_CLOEXEC)}): the copy refers to the same
     * kernel object and is closed independently.
     *
     * @throws BpfException if the kernel refuses (e.g. {@code EMFILE})
     */
    public OwnedFd duplicate() {
        int value = fd();
        long rc = LibC.syscall(SyscallNumbers.FCNTL, value, F_DUPFD_CLOEXEC, 0);
        if (rc < 0) {
            throw new BpfException("fcntl(F_DUPFD_CLOEXEC)", LibC.errno(), what + " (fd " + value + ")", null);
        }
        return new OwnedFd((int) rc, what);
    }

    /**
     * Closes the descriptor once; later calls do nothing. Errors of {@code close(2)} are not
     * reported: Linux frees the descriptor even when close fails, so there is nothing to retry.
     */
    @Override
    public void close() {
        int value = fd.getAndSet(CLOSED);
        if (value != CLOSED) {
            CreationSites.closed(value);
            LibC.syscall(SyscallNumbers.CLOSE, value, 0, 0);
        }
    }

    /** {@return e.g. {@code "OwnedFd[map counts, fd 7]"} or {@code "OwnedFd[map counts, closed]"}} */
    @Override
    public String toString() {
        int value = fd.get();
        return "OwnedFd[" + what + (value == CLOSED ? ", closed]" : ", fd " + value + "]");
    }
}
