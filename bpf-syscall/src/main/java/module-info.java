/**
 * bpf4j's door to the kernel: {@code bpf(2)}, {@code perf_event_open(2)}, {@code ioctl(2)},
 * {@code mmap(2)}, {@code epoll(7)}, sockets and routing netlink (XDP and tc attachment, in Java)
 * through JNA direct mapping, with file descriptors as owned
 * resources and every failure a typed {@link io.bpf4j.syscall.BpfException}.
 *
 * <p>The facade is {@link io.bpf4j.syscall.Bpf}; the native plumbing lives in a non-exported
 * package. This is the only bpf4j module that makes system calls.
 */
module io.bpf4j.syscall {
    requires com.sun.jna;

    exports io.bpf4j.syscall;
}
