// SPDX-License-Identifier: Apache-2.0
/* Counts vfs_unlink() calls made by one process, through fentry (BPF trampoline). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;
__u64 unlinks = 0;

/* The arguments differ between kernels (5.12 added the user namespace); none is read. */
SEC("testkit.fentry/vfs_unlink")
int count_unlink(__u64 *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) == target_tgid)
		__sync_fetch_and_add(&unlinks, 1);
	return 0;
}
