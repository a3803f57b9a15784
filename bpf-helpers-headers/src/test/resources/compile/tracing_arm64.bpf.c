/* bpf_tracing.h for arm64, against the kernel's pt_regs layout (which starts with user_pt_regs). */
#include "minimal_types.h"
struct user_pt_regs { __u64 regs[31]; __u64 sp; __u64 pc; __u64 pstate; };
struct pt_regs {
	union {
		struct user_pt_regs user_regs;
		struct { __u64 regs[31]; __u64 sp; __u64 pc; __u64 pstate; };
	};
	__u64 orig_x0;
};
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* Eight register arguments on arm64; each stored to a map slot so the loads stay in order. */
__u64 out[13];

SEC("uprobe")
int BPF_UPROBE(eight, long a, long b, long c, long d, long e, long f, long g, long h)
{
	out[0] = a; out[1] = b; out[2] = c; out[3] = d; out[4] = e; out[5] = f; out[6] = g; out[7] = h;
	out[8] = PT_REGS_IP(ctx);
	out[9] = PT_REGS_SP(ctx);
	out[10] = PT_REGS_RET(ctx);
	out[11] = PT_REGS_FP(ctx);
	return 0;
}

SEC("uretprobe")
int BPF_URETPROBE(ret, long rc)
{
	out[12] = rc;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
