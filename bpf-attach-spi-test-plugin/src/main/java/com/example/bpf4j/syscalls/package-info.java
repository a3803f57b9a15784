/**
 * An example of the attach SPI used from outside bpf4j: {@link
 * com.example.bpf4j.syscalls.SyscallEnterPlugin} turns
 * {@code SEC("syscall_enter/openat")} into the tracepoint
 * {@code syscalls/sys_enter_openat}, reusing bpf4j's tracepoint plugin for the
 * attach itself.
 */
package com.example.bpf4j.syscalls;
