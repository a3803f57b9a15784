// SPDX-License-Identifier: Apache-2.0
/*
 * A struct_ops map that does not fit the running kernel, for the loader's error path: the
 * object's flavour of tcp_congestion_ops sets a member the kernel's struct does not have.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/misfit_ssthresh")
__u32 BPF_PROG(misfit_ssthresh, struct sock *sk)
{
	return 2;
}

/* "___bpf4j" is a flavour: the kernel struct looked up is tcp_congestion_ops. */
struct tcp_congestion_ops___bpf4j {
	__u32 (*ssthresh)(struct sock *sk);
	char name[16];
	__u32 bpf4j_not_in_the_kernel;
};

SEC(".struct_ops")
struct tcp_congestion_ops___bpf4j misfit_member = {
	.ssthresh = (void *)misfit_ssthresh,
	.name = "bpf4j_misfit",
	.bpf4j_not_in_the_kernel = 7,
};
