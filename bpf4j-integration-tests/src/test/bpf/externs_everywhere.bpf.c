// SPDX-License-Identifier: Apache-2.0
/*
 * Externs on every kernel the project tests (ExternsAcrossKernelsTest): __kconfig values and
 * an untyped __ksym (vfs_read's address) in one raw_tp program, typed per-CPU __ksyms in
 * another; both run with BPF_PROG_TEST_RUN (raw_tp: Linux 5.10).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_NF_CONNTRACK __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig __weak;
extern int CONFIG_BPF4J_NOT_A_REAL_OPTION __kconfig __weak;
extern const void vfs_read __ksym;
/* Weak: kernels whose BTF has no per-CPU VARs still load the kconfig program of this object. */
extern const struct rq runqueues __ksym __weak;
extern const int bpf_prog_active __ksym __weak;

__s64 kernel_version = -1;
__s64 has_cookie = -1;
__s64 hz = -1;
__s64 bpf_syscall = -1;
__s64 nf_conntrack = -1;
__s64 not_real = -1;
__u64 vfs_read_address = 1;
char hostname[16];
__s64 rq_cpu0 = -1;
__s64 prog_active = -1;

SEC("raw_tp/bpf4j_test_run_only")
int kconfig_and_address(void *ctx)
{
	kernel_version = LINUX_KERNEL_VERSION;
	has_cookie = LINUX_HAS_BPF_COOKIE;
	hz = CONFIG_HZ;
	bpf_syscall = CONFIG_BPF_SYSCALL;
	nf_conntrack = CONFIG_NF_CONNTRACK;
	not_real = CONFIG_BPF4J_NOT_A_REAL_OPTION;
	__builtin_memcpy(hostname, CONFIG_DEFAULT_HOSTNAME, sizeof(hostname));
	vfs_read_address = (__u64)&vfs_read;
	return 0;
}

SEC("raw_tp/bpf4j_test_run_only")
int typed_ksyms(void *ctx)
{
	struct rq *rq;
	int *active;

	if (!bpf_ksym_exists(&runqueues) || !bpf_ksym_exists(&bpf_prog_active))
		return 1;
	rq = (struct rq *)bpf_per_cpu_ptr(&runqueues, 0);
	if (rq)
		rq_cpu0 = rq->cpu;
	active = (int *)bpf_this_cpu_ptr(&bpf_prog_active);
	prog_active = *active;
	return 0;
}
