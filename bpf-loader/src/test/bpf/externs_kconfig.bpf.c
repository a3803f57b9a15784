// SPDX-License-Identifier: Apache-2.0
/*
 * __kconfig externs of every type libbpf accepts, copied to .bss by a raw_tp program run
 * with BPF_PROG_TEST_RUN: ExternsKconfigTest compares them with /proc/config.gz, uname and
 * values the test supplies.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int CONFIG_HZ __kconfig;
extern unsigned short CONFIG_NR_CPUS __kconfig;
extern unsigned long long CONFIG_ILLEGAL_POINTER_VALUE __kconfig;
extern bool CONFIG_BPF_JIT __kconfig;
extern enum libbpf_tristate CONFIG_NET __kconfig;
extern char CONFIG_BPF_SYSCALL __kconfig;
extern char CONFIG_LOCALVERSION[16] __kconfig;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig;
extern int CONFIG_BPF4J_NOT_A_REAL_OPTION __kconfig __weak;
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;
extern bool LINUX_HAS_SYSCALL_WRAPPER __kconfig;
extern int LINUX_BPF4J_UNKNOWN __kconfig __weak;

__s64 hz = -1;
__u64 nr_cpus = 1;
__u64 illegal_pointer = 1;
__u64 bpf_jit = 7;
__u64 net = 7;
__u64 bpf_syscall = 7;
__s64 not_real = -1;
__u64 kernel_version = 1;
__u64 has_cookie = 7;
__u64 has_wrapper = 7;
__s64 unknown_linux = -1;
char localversion[16];
char hostname[16];

SEC("raw_tp/bpf4j_test_run_only")
int read_kconfig(void *ctx)
{
	hz = CONFIG_HZ;
	nr_cpus = CONFIG_NR_CPUS;
	illegal_pointer = CONFIG_ILLEGAL_POINTER_VALUE;
	bpf_jit = CONFIG_BPF_JIT;
	net = CONFIG_NET;
	bpf_syscall = CONFIG_BPF_SYSCALL;
	not_real = CONFIG_BPF4J_NOT_A_REAL_OPTION;
	kernel_version = LINUX_KERNEL_VERSION;
	has_cookie = LINUX_HAS_BPF_COOKIE;
	has_wrapper = LINUX_HAS_SYSCALL_WRAPPER;
	unknown_linux = LINUX_BPF4J_UNKNOWN;
	__builtin_memcpy(localversion, CONFIG_LOCALVERSION, sizeof(localversion));
	__builtin_memcpy(hostname, CONFIG_DEFAULT_HOSTNAME, sizeof(hostname));
	return 0;
}
