// SPDX-License-Identifier: GPL-2.0
/*
 * An object for CoreReportTest: CO-RE reads through bpf/bpf_core_read.h whose values differ
 * between this kernel and fake_kernel.bpf.o, and one extern of every kind (kconfig, typed and
 * untyped ksym, kfuncs present and absent). Never loaded.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

extern int LINUX_KERNEL_VERSION __kconfig;
extern const int bpf_prog_active __ksym;                /* a per-CPU variable: a VAR in vmlinux BTF */
extern const void bpf4j_untyped_symbol __ksym __weak;   /* untyped: only kallsyms can say */
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym __weak;
extern int bpf4j_no_such_kfunc(void) __ksym __weak;

__u64 out[16];

SEC("tp_btf/sched_process_exec")
int report(__u64 *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct task_struct *held;

	out[0] = BPF_CORE_READ(t, pid);
	out[1] = bpf_core_field_offset(struct task_struct, comm);
	out[2] = bpf_core_enum_value(enum pid_type, PIDTYPE_SID);
	out[3] = bpf_core_type_size(struct task_struct);
	out[4] = LINUX_KERNEL_VERSION;
	out[5] = (__u64)&bpf_prog_active;
	out[6] = (__u64)&bpf4j_untyped_symbol;
	if (bpf_ksym_exists(bpf_task_acquire)) {
		held = bpf_task_acquire(t);
		if (held)
			bpf_task_release(held);
	}
	if (bpf_ksym_exists(bpf4j_no_such_kfunc))
		out[7] = bpf4j_no_such_kfunc();
	return 0;
}
