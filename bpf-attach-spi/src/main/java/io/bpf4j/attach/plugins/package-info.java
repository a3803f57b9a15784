/**
 * The built-in attach plugins and their typed options: {@link
 * io.bpf4j.attach.plugins.TracepointPlugin} ({@code tp/<category>/<name>}, {@code
 * tracepoint/...}; {@link io.bpf4j.attach.plugins.TracepointOptions}), {@link
 * io.bpf4j.attach.plugins.RawTracepointPlugin} ({@code raw_tp/<name>}, {@code
 * raw_tracepoint/<name>}, writable {@code raw_tp.w/} and {@code raw_tracepoint.w/}; {@link
 * io.bpf4j.attach.plugins.RawTracepointOptions}), {@link
 * io.bpf4j.attach.plugins.BtfTracepointPlugin} ({@code tp_btf/<name>}) and {@link
 * io.bpf4j.attach.plugins.UprobePlugin} ({@code uprobe/<binary>:<function>[+<offset>]},
 * {@code uretprobe/...}, sleepable {@code uprobe.s/} and {@code uretprobe.s/}; {@link
 * io.bpf4j.attach.plugins.UprobeOptions}).
 *
 * <p>They follow libbpf's section names, so a libbpf program loads unchanged. Defining a program
 * reads only the section name (and, for {@code tp_btf}, the kernel's BTF); the kernel, tracefs
 * and the probed binaries are consulted when attaching. Tracepoints need tracefs mounted at
 * {@code /sys/kernel/tracing} or {@code /sys/kernel/debug/tracing}.
 */
package io.bpf4j.attach.plugins;
