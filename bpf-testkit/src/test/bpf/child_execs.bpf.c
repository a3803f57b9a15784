// SPDX-License-Identifier: Apache-2.0
/* Counts execs by children of one process (the test JVM). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __s32 parent_tgid = 0;
__u64 child_execs = 0;

SEC("tp/sched/sched_process_exec")
int count_child_exec(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct task_struct *parent = NULL;
	__s32 ppid = 0;

	bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
	bpf_probe_read_kernel(&ppid, sizeof(ppid), &parent->tgid);
	if (ppid == parent_tgid)
		__sync_fetch_and_add(&child_execs, 1);
	return 0;
}
