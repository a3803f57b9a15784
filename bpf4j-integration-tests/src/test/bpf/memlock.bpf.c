// SPDX-License-Identifier: Apache-2.0
/*
 * MemlockLimitTest: a 16 MiB map, larger than the RLIMIT_MEMLOCK a process starts with (64 KiB
 * before Linux 5.16, 8 MiB since), which kernels before 5.11 charge BPF memory to.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4 << 20);
	__type(key, __u32);
	__type(value, __u32);
} big SEC(".maps");

SEC("socket")
int count_packets(struct __sk_buff *skb)
{
	__u32 key = skb->len & 0xffff;
	__u32 *seen = bpf_map_lookup_elem(&big, &key);

	if (seen)
		__sync_fetch_and_add(seen, 1);
	return 0;
}
