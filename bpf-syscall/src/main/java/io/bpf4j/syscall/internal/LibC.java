package io.bpf4j.syscall.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The C library functions bpf4j calls, bound with JNA direct mapping ({@link Native#register}):
 * a JNI-style native method per function, no proxy, no argument boxing. Pointers travel as
 * {@code long} native addresses.
 *
 * <p>Every system call goes through glibc's {@code syscall(2)} so one binding covers every
 * command; glibc turns a negative kernel return into {@code -1} and {@code errno}, which JNA saves
 * per thread after each call and {@link Native#getLastError()} reads back (checked by this
 * module's tests).
 *
 * <p>{@code syscall} is variadic in C; on x86_64 and aarch64 Linux integer variadic arguments are
 * passed exactly like fixed ones, so a fixed-arity binding is sound there.
 */
public final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    /** {@code long syscall(long number, ...)} with three arguments. */
    public static native long syscall(long number, long a1, long a2, long a3);

    /** {@code long syscall(long number, ...)} with six arguments. */
    public static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /** {@code unsigned int if_nametoindex(const char *ifname)}: 0 if there is no such interface. */
    public static native int if_nametoindex(String name);

    /** {@code int getpagesize(void)}. */
    public static native int getpagesize();

    /** {@code int getrlimit(int resource, struct rlimit *rlim)}; {@code rlim} holds two unsigned longs. */
    public static native int getrlimit(int resource, long rlim);

    /** {@code int setrlimit(int resource, const struct rlimit *rlim)}. */
    public static native int setrlimit(int resource, long rlim);

    /** {@return the calling thread's errno as saved by JNA after its last native call} */
    public static int errno() {
        return Native.getLastError();
    }
}
