package io.bpf4j.syscall;

import io.bpf4j.syscall.internal.LibC;
import io.bpf4j.syscall.internal.SyscallNumbers;
import io.bpf4j.syscall.internal.ThreadScratch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** epoll over an eventfd. */
class EpollTest {
    private static OwnedFd eventfd() {
        long fd = LibC.syscall(SyscallNumbers.EVENTFD2, 0, 0x80000 /* EFD_CLOEXEC */, 0);
        assertTrue(fd >= 0, "eventfd2: errno " + LibC.errno());
        return OwnedFd.adopt((int) fd, "eventfd");
    }

    private static void signal(int fd) {
        ThreadScratch s = ThreadScratch.get();
        s.data(8).putLong(0, 1L);
        assertEquals(8, LibC.syscall(SyscallNumbers.WRITE, fd, s.dataAddress(), 8));
    }

    @Test
    void waitReportsTokensOfReadyDescriptors() {
        try (Epoll epoll = Epoll.create(); OwnedFd a = eventfd(); OwnedFd b = eventfd()) {
            epoll.add(a.fd(), Epoll.EPOLLIN, 0x1_0000_0001L);
            epoll.add(b.fd(), Epoll.EPOLLIN, -5L);
            long[] tokens = new long[1];
            assertEquals(0, epoll.wait(tokens, 0), "nothing ready");
            long start = System.nanoTime();
            assertEquals(0, epoll.wait(tokens, 50), "timeout");
            assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the timeout");

            signal(b.fd());
            assertEquals(1, epoll.wait(tokens, 1000));
            assertEquals(-5L, tokens[0], "64-bit token round trip");

            signal(a.fd());
            long[] many = new long[40]; // grows the event buffer past its first 16 slots
            assertEquals(2, epoll.wait(many, 1000));
            assertEquals(java.util.Set.of(0x1_0000_0001L, -5L), java.util.Set.of(many[0], many[1]));

            epoll.modify(a.fd(), Epoll.EPOLLIN, 9);
            epoll.remove(b.fd());
            assertEquals(1, epoll.wait(many, 1000));
            assertEquals(9L, many[0]);
        }
    }

    @Test
    void ctlFailuresNameTheOperation() {
        try (Epoll epoll = Epoll.create(); OwnedFd a = eventfd()) {
            epoll.add(a.fd(), Epoll.EPOLLIN, 1);
            FdSnapshot.assertNoLeak(() -> {
                BpfException exists = assertThrows(BpfException.class, () -> epoll.add(a.fd(), Epoll.EPOLLIN, 1));
                assertEquals(Errno.EEXIST, exists.errno());
                assertEquals("epoll_ctl(EPOLL_CTL_ADD)", exists.call());
                assertEquals(Errno.EBADF, assertThrows(BpfException.class,
                        () -> epoll.add(999_999, Epoll.EPOLLIN, 1)).errno());
            });
            assertThrows(IllegalArgumentException.class, () -> epoll.wait(new long[0], 0));
        }
        Epoll closed = Epoll.create();
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, closed::fd);
    }
}
