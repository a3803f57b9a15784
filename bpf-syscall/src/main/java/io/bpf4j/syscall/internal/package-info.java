/**
 * Internal: the native plumbing behind {@link io.bpf4j.syscall.Bpf}. Not exported, not API; may
 * change in any release.
 *
 * <p>{@link io.bpf4j.syscall.internal.LibC} binds {@code syscall(2)} through JNA direct mapping;
 * {@link io.bpf4j.syscall.internal.SyscallNumbers} picks the numbers for the running architecture;
 * {@link io.bpf4j.syscall.internal.ThreadScratch} holds each thread's preallocated native attribute
 * buffer so a map lookup allocates nothing; the {@code *Layout} classes name every byte offset this
 * module writes after its UAPI field.
 */
package io.bpf4j.syscall.internal;
