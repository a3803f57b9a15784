// SPDX-License-Identifier: Apache-2.0
/*
 * kfunc calls from a BPF_PROG_TYPE_SYSCALL program run with BPF_PROG_TEST_RUN: a task looked
 * up by pid and released, an RCU section, and weak kfuncs, one the kernel has and one it lacks,
 * guarded by bpf_ksym_exists() (the absent one's call is poisoned and must be dead code).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpf4j_no_such_kfunc(int x) __ksym __weak;

int pid_in;
__s64 found_tgid = -1;
__u64 present_exists = 7;
__u64 absent_exists = 7;
__u64 absent_called;

SEC("syscall")
int call_kfuncs(void *ctx)
{
	struct task_struct *t;

	t = bpf_task_from_pid(pid_in);
	if (t) {
		found_tgid = t->tgid;
		bpf_task_release(t);
	}
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	present_exists = bpf_ksym_exists(bpf_task_acquire);
	absent_exists = bpf_ksym_exists(bpf4j_no_such_kfunc);
	if (bpf_ksym_exists(bpf4j_no_such_kfunc)) {
		bpf4j_no_such_kfunc(1);
		absent_called = 1;
	}
	return 0;
}

/* Not auto-loaded: calls the absent weak kfunc unguarded, so the poisoned call is reachable. */
SEC("?syscall")
int call_absent_kfunc(void *ctx)
{
	bpf4j_no_such_kfunc(2);
	return 0;
}
