package io.bpf4j.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc socket calls the tests make on raw descriptors, through JNA: Java's socket API has no
 * {@code TCP_CONGESTION}, no Unix datagram sockets and never calls {@code getpeername}, and the
 * cgroup hooks tests must trigger exactly one system call each. Failing calls throw
 * {@link LastErrorException} with the errno.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    /** AF_UNIX, AF_INET, AF_INET6 (include/linux/socket.h). */
    int AF_UNIX = 1;
    int AF_INET = 2;
    int AF_INET6 = 10;
    /** SOCK_STREAM, SOCK_DGRAM (include/linux/net.h). */
    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    /** SOL_SOCKET, SO_REUSEADDR, SO_TYPE (include/uapi/asm-generic/socket.h). */
    int SOL_SOCKET = 1;
    int SO_REUSEADDR = 2;
    int SO_TYPE = 3;
    /** IPPROTO_TCP, TCP_CONGESTION (include/uapi/linux/in.h, tcp.h). */
    int IPPROTO_TCP = 6;
    int TCP_CONGESTION = 13;
    /** errno ENOENT. */
    int ENOENT = 2;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    long recvfrom(int fd, byte[] buffer, long length, int flags, byte[] address, int[] addressLength)
            throws LastErrorException;

    int getsockname(int fd, byte[] address, int[] length) throws LastErrorException;

    int getpeername(int fd, byte[] address, int[] length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, byte[] value, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, byte[] value, int[] length) throws LastErrorException;

    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    int close(int fd);

    /** RLIMIT_MEMLOCK (include/uapi/asm-generic/resource.h). */
    int RLIMIT_MEMLOCK = 8;

    /** {@code setrlimit(2)}: {@code limit} is {soft, hard}. */
    int setrlimit(int resource, long[] limit) throws LastErrorException;
}
