/* bpf_tracing.h for x86_64 against a real vmlinux.h (struct pt_regs with di, si, dx ...). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 out[12];

SEC("uprobe")
int BPF_UPROBE(six, long a, long b, long c, long d, long e, long f)
{
	out[0] = a; out[1] = b; out[2] = c; out[3] = d; out[4] = e; out[5] = f;
	out[6] = PT_REGS_IP(ctx);
	out[7] = PT_REGS_SP(ctx);
	out[8] = PT_REGS_FP(ctx);
	return 0;
}

SEC("kretprobe/vfs_unlink")
int BPF_KRETPROBE(unlink_ret, int rc)
{
	out[9] = rc;
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	out[10] = prev->pid + next->pid + preempt;
	return 0;
}

struct pair16 { __u64 lo, hi; };

SEC("fentry/some_function")
int BPF_PROG2(by_value, int, x, struct pair16, p, char, c)
{
	out[11] = x + p.lo + p.hi + c;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
