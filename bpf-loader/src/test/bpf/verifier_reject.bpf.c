// SPDX-License-Identifier: Apache-2.0
/* A map the loader creates, then a program the verifier rejects: the map must not leak. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} values SEC(".maps");

SEC("raw_tp/bpf4j_test_run_only")
int reads_without_null_check(void *ctx)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&values, &key);

	return *value; /* the verifier refuses: value may be NULL */
}
