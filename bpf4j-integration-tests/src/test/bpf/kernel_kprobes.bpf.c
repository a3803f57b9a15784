// SPDX-License-Identifier: Apache-2.0
/*
 * KernelHooksTest: kprobe/kretprobe on vfs_unlink and ksyscall/kretsyscall on openat, each
 * counting the calls made by one process (target_tgid) in a global of its own.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;

__u64 kprobe_hits = 0;
__u64 kretprobe_hits = 0;
__u64 ksyscall_hits = 0;
__u64 kretsyscall_hits = 0;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

SEC("kprobe/vfs_unlink")
int kprobe_unlink(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&kprobe_hits, 1);
	return 0;
}

SEC("kretprobe/vfs_unlink")
int kretprobe_unlink(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&kretprobe_hits, 1);
	return 0;
}

SEC("ksyscall/openat")
int ksyscall_openat(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&ksyscall_hits, 1);
	return 0;
}

SEC("kretsyscall/openat")
int kretsyscall_openat(struct pt_regs *ctx)
{
	if (mine())
		__sync_fetch_and_add(&kretsyscall_hits, 1);
	return 0;
}
