// SPDX-License-Identifier: Apache-2.0
/* A task iterator: writes the tgid of every task it visits (4 bytes each). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* Filled by user space: [0] distinct tgids seen, [1] tasks seen. Pinned to show it outside. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} results SEC(".maps");

SEC("testkit.iter/task")
int dump_tgid(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	__u32 tgid;

	if (!task)
		return 0;
	tgid = task->tgid;
	bpf_seq_write(ctx->meta->seq, &tgid, sizeof(tgid));
	return 0;
}
