// SPDX-License-Identifier: Apache-2.0
/* Counts openat() calls of one process, through a section prefix that only the
 * third-party SyscallEnterPlugin knows. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;
__u64 openat_calls = 0;

SEC("syscall_enter/openat")
int count_openat(void *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	__sync_fetch_and_add(&openat_calls, 1);
	return 0;
}
