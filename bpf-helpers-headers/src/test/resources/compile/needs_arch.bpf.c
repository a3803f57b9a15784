/* Uses a register accessor without -D__TARGET_ARCH_...: must fail with a message saying so. */
#include "minimal_types.h"
struct pt_regs { __u64 r[32]; };
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("kprobe/x")
int BPF_KPROBE(probe, long a)
{
	return a;
}

char LICENSE[] SEC("license") = "GPL";
