// SPDX-License-Identifier: Apache-2.0
/*
 * KernelHooksTest: kprobe.multi, kretprobe.multi and kprobe.session (fprobe) on vfs_unlink,
 * counting the calls made by one process (target_tgid).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;

__u64 multi_hits = 0;
__u64 kretmulti_hits = 0;
__u64 session_hits = 0;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

SEC("kprobe.multi/vfs_unlink")
int multi_unlink(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&multi_hits, 1);
	return 0;
}

SEC("kretprobe.multi/vfs_unlink")
int kretmulti_unlink(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&kretmulti_hits, 1);
	return 0;
}

/* Returning 0 at the entry asks for the return probe too: the program runs twice per call. */
SEC("kprobe.session/vfs_unlink")
int session_unlink(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&session_hits, 1);
	return 0;
}
