// SPDX-License-Identifier: Apache-2.0
/*
 * nf_conntrack's kfuncs (Linux 5.18) from a tc program run with BPF_PROG_TEST_RUN: built into
 * this project's host kernel (vmlinux BTF), a module on Debian's (its BTF fd goes in the
 * program's fd_array). A lookup of a connection nobody made sets opts.error to -ENOENT.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

/* struct bpf_ct_opts as of 6.1 (NF_BPF_CT_OPTS_SZ = 12): later kernels accept this size too. */
struct bpf_ct_opts___v61 {
	s32 netns_id;
	s32 error;
	u8 l4proto;
	u8 dir;
	u8 reserved[2];
};

extern struct nf_conn *bpf_skb_ct_lookup(struct __sk_buff *skb_ctx, struct bpf_sock_tuple *bpf_tuple,
					 u32 tuple__sz, struct bpf_ct_opts___v61 *opts, u32 opts__sz) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;

__s64 lookup_error = 1;
__u64 found = 7;

SEC("tc")
int ct_lookup(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_ct_opts___v61 opts = { .netns_id = -1, .l4proto = 6 /* IPPROTO_TCP */ };
	struct nf_conn *ct;

	tuple.ipv4.saddr = bpf_htonl(0x7f000001);
	tuple.ipv4.daddr = bpf_htonl(0x7f000001);
	tuple.ipv4.sport = bpf_htons(40404);
	tuple.ipv4.dport = bpf_htons(9);
	ct = bpf_skb_ct_lookup(skb, &tuple, sizeof(tuple.ipv4), &opts, sizeof(opts));
	found = 0;
	if (ct) {
		/* One test of ct itself: 6.1's verifier loses a reference tested through a copy. */
		bpf_ct_release(ct);
		found = 1;
	}
	lookup_error = opts.error;
	return 0;
}
