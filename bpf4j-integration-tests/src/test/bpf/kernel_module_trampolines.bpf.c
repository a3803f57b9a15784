// SPDX-License-Identifier: Apache-2.0
/*
 * KernelModulesTest: fentry/fexit on p9_client_walk, a function of the 9pnet module (not of
 * vmlinux), named once with its module and once plainly. In the test VMs the root file system is
 * 9p: looking up a file that does not exist walks the 9p server through p9_client_walk.
 * Counts only the test's own thread.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u64 target_pid_tgid = 0;

__u64 fentry_hits = 0;
__u64 fexit_hits = 0;

SEC("fentry/9pnet:p9_client_walk")
int fentry_walk(__u64 *ctx)
{
	if (bpf_get_current_pid_tgid() == target_pid_tgid)
		__sync_fetch_and_add(&fentry_hits, 1);
	return 0;
}

SEC("fexit/p9_client_walk")
int fexit_walk(__u64 *ctx)
{
	if (bpf_get_current_pid_tgid() == target_pid_tgid)
		__sync_fetch_and_add(&fexit_hits, 1);
	return 0;
}
