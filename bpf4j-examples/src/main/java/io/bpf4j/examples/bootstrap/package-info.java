/**
 * {@code bootstrap}: prints every exec and every process exit on the machine,
 * with the exit code and how long the process ran, as libbpf-bootstrap's
 * tool of the same name does.
 *
 * <p>It shows the whole lifecycle: {@code bootstrap.bpf.c} is opened from the
 * class path, its {@code .rodata} variable {@code min_duration_ns} is set from
 * the command line before load, both tracepoint programs are attached by
 * section name, and events arrive through a ring buffer until SIGINT or
 * SIGTERM, when everything is detached and freed.
 */
package io.bpf4j.examples.bootstrap;
