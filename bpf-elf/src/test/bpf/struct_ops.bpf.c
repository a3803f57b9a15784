// Test object for bpf-elf: struct_ops variables in .struct_ops and .struct_ops.link, whose
// function pointers point at programs of SEC("struct_ops/..."), recognised by the object model.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/ssthresh")
__u32 BPF_PROG(test_ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/cong_avoid")
void BPF_PROG(test_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops.s/undo_cwnd")
__u32 BPF_PROG(test_undo_cwnd, struct sock *sk)
{
	return 10;
}

SEC(".struct_ops")
struct tcp_congestion_ops registered_ops = {
	.ssthresh = (void *)test_ssthresh,
	.cong_avoid = (void *)test_cong_avoid,
	.undo_cwnd = (void *)test_undo_cwnd,
	.name = "bpf4j_test",
};

SEC(".struct_ops.link")
struct tcp_congestion_ops linked_ops = {
	.ssthresh = (void *)test_ssthresh,
	.undo_cwnd = (void *)test_undo_cwnd,
	.name = "bpf4j_link",
};
