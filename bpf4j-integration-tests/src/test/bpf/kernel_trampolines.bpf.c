// SPDX-License-Identifier: Apache-2.0
/*
 * KernelHooksTest: fentry/fexit on vfs_unlink, and fmod_ret on security_inode_unlink (allowed
 * for every security_ function) which, while `deny` is set, makes this process's unlinks fail
 * with EPERM without running the original function.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;

__u64 fentry_hits = 0;
__u64 fexit_hits = 0;
__u64 fmod_ret_hits = 0;
__u32 deny = 0;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

/* vfs_unlink's arguments differ between kernels (5.12 and 6.3 changed the first); none is read. */
SEC("fentry/vfs_unlink")
int fentry_unlink(__u64 *ctx)
{
	if (mine())
		__sync_fetch_and_add(&fentry_hits, 1);
	return 0;
}

SEC("fexit/vfs_unlink")
int fexit_unlink(__u64 *ctx)
{
	if (mine())
		__sync_fetch_and_add(&fexit_hits, 1);
	return 0;
}

SEC("fmod_ret/security_inode_unlink")
int fmod_ret_unlink(__u64 *ctx)
{
	if (!mine())
		return 0;
	__sync_fetch_and_add(&fmod_ret_hits, 1);
	return deny ? -1 /* -EPERM */ : 0;
}
