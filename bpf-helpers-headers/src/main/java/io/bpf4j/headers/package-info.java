/**
 * bpf4j's BPF-side C headers, shipped in this jar, and {@link io.bpf4j.headers.BpfHeaders} to
 * write them out for clang.
 *
 * <h2>Writing a BPF program against them</h2>
 * The headers have libbpf's names, so programs written for libbpf compile unchanged:
 * <pre>{@code
 * #include "vmlinux.h"            // every kernel type (the bpf4j Maven plugin generates it)
 * #include <bpf/bpf_helpers.h>    // SEC, __uint/__type maps, bpf_printk, every helper
 * #include <bpf/bpf_tracing.h>    // BPF_PROG, BPF_KPROBE/BPF_UPROBE, PT_REGS_* (needs -D__TARGET_ARCH_x86|arm64)
 * #include <bpf/bpf_endian.h>     // bpf_htons, bpf_ntohl, bpf_cpu_to_be64 ...
 * #include <bpf/bpf_core_read.h>  // CO-RE: BPF_CORE_READ, bpf_core_field_exists, bpf_core_enum_value ...
 * #include <bpf/usdt.bpf.h>       // USDT: BPF_USDT, bpf_usdt_arg, bpf_usdt_arg_cnt, bpf_usdt_cookie
 *
 * struct {
 *     __uint(type, BPF_MAP_TYPE_RINGBUF);
 *     __uint(max_entries, 256 * 1024);
 * } events SEC(".maps");
 *
 * SEC("uprobe")
 * int BPF_UPROBE(on_call, int fd, const void *buf, long len)
 * {
 *     long *slot = bpf_ringbuf_reserve(&events, sizeof(long), 0);
 *     if (!slot)
 *         return 0;
 *     *slot = len;
 *     bpf_ringbuf_submit(slot, 0);
 *     return 0;
 * }
 *
 * char LICENSE[] SEC("license") = "GPL";
 * }</pre>
 *
 * <h2>Compiling it</h2>
 * In a Maven build the bpf4j Maven plugin does everything (module {@code io.bpf4j.maven}). By hand:
 * <pre>{@code
 * Path include = BpfHeaders.extractTo(Path.of("target/bpf4j/include"));
 * // clang-19 -target bpf -g -O2 -D__TARGET_ARCH_x86 -I<include> -I<dir of vmlinux.h> -c prog.bpf.c -o prog.bpf.o
 * }</pre>
 * {@link io.bpf4j.headers.BpfHeaders#names()} lists what is shipped:
 * {@code bpf/bpf_helpers.h}, {@code bpf/bpf_helper_defs.h} (one constant function pointer per
 * helper, generated at build time from the UAPI {@code linux/bpf.h} of the build machine),
 * {@code bpf/bpf_tracing.h}, {@code bpf/bpf_core_read.h}, {@code bpf/bpf_endian.h} and
 * {@code bpf/usdt.bpf.h} (the BPF side of the {@code usdt/} attach plugin, with libbpf's map
 * names and spec layout).
 *
 * <h2>Where they are in the jar</h2>
 * Under {@code bpf4j-include/}, a directory that is not a Java package, so JPMS lets any module
 * read them as resources; {@code bpf4j-include/headers.index} lists them.
 */
package io.bpf4j.headers;
