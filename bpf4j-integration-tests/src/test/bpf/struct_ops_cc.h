/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The callbacks of the BPF TCP congestion control of StructOpsTest (Reno, without kfuncs so it
 * loads on every kernel with struct_ops), shared by the objects that register it; each call is
 * counted in a global.
 */
#ifndef BPF4J_STRUCT_OPS_CC_H
#define BPF4J_STRUCT_OPS_CC_H

__u64 inits = 0;
__u64 ssthresh_calls = 0;
__u64 cong_avoid_calls = 0;
__u64 undo_calls = 0;

static __always_inline struct tcp_sock *as_tcp(struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

SEC("struct_ops/bpf4j_init")
void BPF_PROG(bpf4j_init, struct sock *sk)
{
	__sync_fetch_and_add(&inits, 1);
}

SEC("struct_ops/bpf4j_ssthresh")
__u32 BPF_PROG(bpf4j_ssthresh, struct sock *sk)
{
	struct tcp_sock *tp = as_tcp(sk);
	__u32 half = tp->snd_cwnd >> 1;

	__sync_fetch_and_add(&ssthresh_calls, 1);
	return half > 2 ? half : 2;
}

SEC("struct_ops/bpf4j_cong_avoid")
void BPF_PROG(bpf4j_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = as_tcp(sk);

	__sync_fetch_and_add(&cong_avoid_calls, 1);
	if (tp->snd_cwnd < tp->snd_ssthresh) {
		tp->snd_cwnd = tp->snd_cwnd + acked; /* slow start */
	} else if (++tp->snd_cwnd_cnt >= tp->snd_cwnd) {
		tp->snd_cwnd_cnt = 0; /* additive increase: one segment per window */
		tp->snd_cwnd = tp->snd_cwnd + 1;
	}
	if (tp->snd_cwnd > tp->snd_cwnd_clamp)
		tp->snd_cwnd = tp->snd_cwnd_clamp;
}

SEC("struct_ops/bpf4j_undo_cwnd")
__u32 BPF_PROG(bpf4j_undo_cwnd, struct sock *sk)
{
	struct tcp_sock *tp = as_tcp(sk);

	__sync_fetch_and_add(&undo_calls, 1);
	return tp->snd_cwnd > tp->prior_cwnd ? tp->snd_cwnd : tp->prior_cwnd;
}

#endif
