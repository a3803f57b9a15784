/* PT_REGS_*_CORE on arm64: each register read is a relocated probe read of user_pt_regs. */
#include "minimal_types.h"
#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
struct user_pt_regs { __u64 regs[31]; __u64 sp; __u64 pc; __u64 pstate; };
#pragma clang attribute pop
struct pt_regs;
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 out[13];

SEC("kprobe/f")
int regs_core(struct pt_regs *ctx)
{
	out[0] = PT_REGS_PARM1_CORE(ctx);
	out[1] = PT_REGS_PARM2_CORE(ctx);
	out[2] = PT_REGS_PARM3_CORE(ctx);
	out[3] = PT_REGS_PARM4_CORE(ctx);
	out[4] = PT_REGS_PARM5_CORE(ctx);
	out[5] = PT_REGS_PARM6_CORE(ctx);
	out[6] = PT_REGS_PARM7_CORE(ctx);
	out[7] = PT_REGS_PARM8_CORE(ctx);
	out[8] = PT_REGS_IP_CORE(ctx);
	out[9] = PT_REGS_SP_CORE(ctx);
	out[10] = PT_REGS_RET_CORE(ctx);
	out[11] = PT_REGS_FP_CORE(ctx);
	out[12] = PT_REGS_RC_CORE(ctx);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
