// SPDX-License-Identifier: Apache-2.0
/*
 * A TCP congestion control written in BPF (struct_ops_cc.h), registered twice: once through the
 * legacy .struct_ops section (registered by BPF_MAP_UPDATE_ELEM) and once through
 * .struct_ops.link (Linux 6.4, a bpf_link). Both share the programs.
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

/* Registered while a BPF_LINK_CREATE link holds it (Linux 6.4). */
SEC(".struct_ops.link")
struct tcp_congestion_ops bpf4j_linked = {
	.init = (void *)bpf4j_init,
	.ssthresh = (void *)bpf4j_ssthresh,
	.cong_avoid = (void *)bpf4j_cong_avoid,
	.undo_cwnd = (void *)bpf4j_undo_cwnd,
	.name = "bpf4j_cc_k",
};
