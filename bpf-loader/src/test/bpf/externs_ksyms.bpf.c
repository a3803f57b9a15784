// SPDX-License-Identifier: Apache-2.0
/*
 * __ksym variables: typed per-CPU ones resolved by BTF id (runqueues, bpf_prog_active), an
 * untyped one by its kallsyms address (vfs_read: a text symbol, since kernels without
 * CONFIG_KALLSYMS_ALL list no variables), and weak ones the kernel lacks.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern const struct rq runqueues __ksym;
extern const int bpf_prog_active __ksym;
extern const void vfs_read __ksym;
extern const void bpf4j_no_such_symbol __ksym __weak;
extern const int bpf4j_no_such_variable __ksym __weak;

__s64 rq_cpu0 = -1;
__s64 rq_cpu1 = -1;
__s64 prog_active = -1;
__u64 vfs_read_address = 1;
__u64 no_such_symbol_address = 1;
__u64 no_such_variable_exists = 1;

/*
 * Typed ksyms: the verifier finds their addresses in kallsyms, so they load only on kernels
 * with CONFIG_KALLSYMS_ALL (not this project's host; Debian's kernels).
 */
SEC("raw_tp/bpf4j_test_run_only")
int read_typed(void *ctx)
{
	struct rq *rq;
	int *active;

	rq = (struct rq *)bpf_per_cpu_ptr(&runqueues, 0);
	if (rq)
		rq_cpu0 = rq->cpu;
	rq = (struct rq *)bpf_per_cpu_ptr(&runqueues, 1);
	if (rq)
		rq_cpu1 = rq->cpu;
	active = (int *)bpf_this_cpu_ptr(&bpf_prog_active);
	prog_active = *active;
	return 0;
}

SEC("raw_tp/bpf4j_test_run_only")
int read_untyped(void *ctx)
{
	vfs_read_address = (__u64)&vfs_read;
	no_such_symbol_address = (__u64)&bpf4j_no_such_symbol;
	no_such_variable_exists = bpf_ksym_exists(&bpf4j_no_such_variable);
	return 0;
}
