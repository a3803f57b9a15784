// SPDX-License-Identifier: Apache-2.0
/*
 * KernelHooksTest: the LSM hook inode_unlink (BPF LSM), counting this process's unlinks and,
 * while `deny` is set, refusing them with EPERM; and lsm_cgroup on socket_bind, the same for
 * this process's binds.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;

__u64 lsm_hits = 0;
__u32 deny = 0;

SEC("lsm/inode_unlink")
int lsm_unlink(__u64 *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	__sync_fetch_and_add(&lsm_hits, 1);
	return deny ? -1 /* -EPERM */ : 0;
}

__u64 lsm_cgroup_hits = 0;

/*
 * lsm_cgroup (6.0): runs for sockets of the cgroup it is attached to (socket_bind takes the
 * socket's cgroup); returns 1 to allow, 0 to refuse with EPERM.
 */
SEC("lsm_cgroup/socket_bind")
int lsm_cgroup_bind(__u64 *ctx)
{
	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 1;
	__sync_fetch_and_add(&lsm_cgroup_hits, 1);
	return deny ? 0 : 1;
}
