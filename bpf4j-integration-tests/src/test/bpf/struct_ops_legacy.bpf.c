// SPDX-License-Identifier: Apache-2.0
/*
 * The BPF TCP congestion control of struct_ops_cc.h registered the legacy way only (.struct_ops,
 * Linux 5.6), for kernels without struct_ops links.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#include "struct_ops_cc.h"

/* Registered by BPF_MAP_UPDATE_ELEM, unregistered by deleting the element. */
SEC(".struct_ops")
struct tcp_congestion_ops bpf4j_legacy = {
	.init = (void *)bpf4j_init,
	.ssthresh = (void *)bpf4j_ssthresh,
	.cong_avoid = (void *)bpf4j_cong_avoid,
	.undo_cwnd = (void *)bpf4j_undo_cwnd,
	.name = "bpf4j_cc_l",
};
