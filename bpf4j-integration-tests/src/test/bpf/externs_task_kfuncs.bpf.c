// SPDX-License-Identifier: Apache-2.0
/*
 * vmlinux kfuncs (Linux 6.2: bpf_task_from_pid, bpf_task_release, bpf_rcu_read_lock) from a
 * sleepable BPF_PROG_TYPE_SYSCALL program, and a weak kfunc no kernel has, guarded by
 * bpf_ksym_exists() so its poisoned call is dead code.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void bpf4j_no_such_kfunc(int x) __ksym __weak;

int pid_in;
__s64 found_tgid = -1;
__u64 absent_exists = 7;

SEC("syscall")
int task_kfuncs(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(pid_in);

	if (t) {
		found_tgid = t->tgid;
		bpf_task_release(t);
	}
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	absent_exists = bpf_ksym_exists(bpf4j_no_such_kfunc);
	if (bpf_ksym_exists(bpf4j_no_such_kfunc))
		bpf4j_no_such_kfunc(1);
	return 0;
}
