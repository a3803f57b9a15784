// SPDX-License-Identifier: Apache-2.0
/* Counts vfs_unlink() calls made by one process, through a kprobe. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;
__u64 unlinks = 0;

SEC("testkit.kprobe/vfs_unlink")
int count_unlink(void *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) == target_tgid)
		__sync_fetch_and_add(&unlinks, 1);
	return 0;
}
