// SPDX-License-Identifier: Apache-2.0
/*
 * One program per attach plugin tested end to end; each counts its runs in its own slot of
 * `hits` (an ARRAY), so a test sees exactly its hook fire, and the iterators print.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

enum slot { XDP_SLOT, TC_SLOT, CGROUP_SLOT, SAMPLE_SLOT, KPROBE_SLOT, FENTRY_SLOT, SLOTS };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

/* A map for the bpf_map_elem iterator to walk. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} walked SEC(".maps");

static __always_inline void hit(__u32 slot)
{
	__u64 *count = bpf_map_lookup_elem(&hits, &slot);

	if (count)
		__sync_fetch_and_add(count, 1);
}

SEC("xdp")
int count_xdp(struct xdp_md *ctx)
{
	hit(XDP_SLOT);
	return XDP_PASS;
}

SEC("tc")
int count_tc(struct __sk_buff *skb)
{
	hit(TC_SLOT);
	return 0; /* TC_ACT_OK */
}

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	hit(CGROUP_SLOT);
	return 1; /* allow */
}

SEC("perf_event")
int count_sample(void *ctx)
{
	hit(SAMPLE_SLOT);
	return 0;
}

SEC("kprobe/vfs_unlink")
int count_unlink(struct pt_regs *ctx)
{
	hit(KPROBE_SLOT);
	return 0;
}

SEC("fentry/vfs_unlink")
int BPF_PROG(fentry_unlink)
{
	hit(FENTRY_SLOT);
	return 0;
}

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	BPF_SEQ_PRINTF(seq, "%d %d\n", task->tgid, task->pid);
	return 0;
}

SEC("iter/bpf_map_elem")
int dump_elem(struct bpf_iter__bpf_map_elem *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	__u32 *key = ctx->key;
	__u64 *value = ctx->value;

	if (!key || !value)
		return 0;
	BPF_SEQ_PRINTF(seq, "%u=%llu\n", *key, *value);
	return 0;
}
