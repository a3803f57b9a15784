// SPDX-License-Identifier: Apache-2.0
/* A kfunc declared with a prototype the kernel's does not match (an extra parameter). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid, int extra) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("syscall")
int wrong_prototype(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1, 2);

	if (t)
		bpf_task_release(t);
	return 0;
}
