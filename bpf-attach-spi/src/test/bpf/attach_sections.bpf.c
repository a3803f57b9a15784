// Test object for bpf-attach-spi: one program per built-in section prefix, each counting its
// runs in its own slot of one array map. Running "/bin/true x" fires every auto-attached one:
// exec fires the sched_process_exec tracepoints, the dynamic loader enters libc's
// __libc_start_main, and coreutils' true calls setlocale when given one argument.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __always_inline int bump(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

SEC("tp/sched/sched_process_exec")
int on_tp(void *ctx) { return bump(0); }

SEC("tracepoint/sched/sched_process_exec")
int on_tracepoint(void *ctx) { return bump(1); }

SEC("raw_tp/sched_process_exec")
int on_raw_tp(void *ctx) { return bump(2); }

SEC("raw_tracepoint/sched_process_exec")
int on_raw_tracepoint(void *ctx) { return bump(3); }

SEC("tp_btf/sched_process_exec")
int on_tp_btf(void *ctx) { return bump(4); }

SEC("uprobe/libc.so.6:__libc_start_main")
int on_uprobe(void *ctx) { return bump(5); }

SEC("uretprobe/libc.so.6:setlocale")
int on_uretprobe(void *ctx) { return bump(6); }

// No target: loads, but only attaches by hand.
SEC("uprobe")
int manual_uprobe(void *ctx) { return bump(7); }
