// SPDX-License-Identifier: Apache-2.0
/* Sends one ring buffer record per openat() of the test process, numbered. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;
__u64 sequence = 0;

struct record {
	__u64 sequence;
	__u32 tgid;
	__u32 magic;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} records SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_openat(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct record *r;

	if (tgid != target_tgid)
		return 0;
	r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);
	if (!r)
		return 0;
	r->sequence = __sync_fetch_and_add(&sequence, 1);
	r->tgid = tgid;
	r->magic = 0xb4f4b4f4;
	bpf_ringbuf_submit(r, 0);
	return 0;
}
