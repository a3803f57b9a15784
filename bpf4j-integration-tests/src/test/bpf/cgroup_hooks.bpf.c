// SPDX-License-Identifier: Apache-2.0
/*
 * One program per cgroup hook; each counts its runs in its own slot of `hits` (slot = the
 * program's position below, as CgroupHooksTest numbers them) and allows what it sees (1), so a
 * test attaches one, makes this process trigger the hook, and sees exactly that hook fire.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 25);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __always_inline int hit(__u32 slot)
{
	__u64 *count = bpf_map_lookup_elem(&hits, &slot);

	if (count)
		__sync_fetch_and_add(count, 1);
	return 1; /* allow */
}

SEC("cgroup/sock_release")
int count_sock_release(struct bpf_sock *ctx)
{
	return hit(0);
}

SEC("cgroup/post_bind4")
int count_post_bind4(struct bpf_sock *ctx)
{
	return hit(1);
}

SEC("cgroup/post_bind6")
int count_post_bind6(struct bpf_sock *ctx)
{
	return hit(2);
}

SEC("cgroup/bind4")
int count_bind4(struct bpf_sock_addr *ctx)
{
	return hit(3);
}

SEC("cgroup/bind6")
int count_bind6(struct bpf_sock_addr *ctx)
{
	return hit(4);
}

SEC("cgroup/connect4")
int count_connect4(struct bpf_sock_addr *ctx)
{
	return hit(5);
}

SEC("cgroup/connect6")
int count_connect6(struct bpf_sock_addr *ctx)
{
	return hit(6);
}

SEC("cgroup/connect_unix")
int count_connect_unix(struct bpf_sock_addr *ctx)
{
	return hit(7);
}

SEC("cgroup/sendmsg4")
int count_sendmsg4(struct bpf_sock_addr *ctx)
{
	return hit(8);
}

SEC("cgroup/sendmsg6")
int count_sendmsg6(struct bpf_sock_addr *ctx)
{
	return hit(9);
}

SEC("cgroup/sendmsg_unix")
int count_sendmsg_unix(struct bpf_sock_addr *ctx)
{
	return hit(10);
}

SEC("cgroup/recvmsg4")
int count_recvmsg4(struct bpf_sock_addr *ctx)
{
	return hit(11);
}

SEC("cgroup/recvmsg6")
int count_recvmsg6(struct bpf_sock_addr *ctx)
{
	return hit(12);
}

SEC("cgroup/recvmsg_unix")
int count_recvmsg_unix(struct bpf_sock_addr *ctx)
{
	return hit(13);
}

SEC("cgroup/getpeername4")
int count_getpeername4(struct bpf_sock_addr *ctx)
{
	return hit(14);
}

SEC("cgroup/getpeername6")
int count_getpeername6(struct bpf_sock_addr *ctx)
{
	return hit(15);
}

SEC("cgroup/getpeername_unix")
int count_getpeername_unix(struct bpf_sock_addr *ctx)
{
	return hit(16);
}

SEC("cgroup/getsockname4")
int count_getsockname4(struct bpf_sock_addr *ctx)
{
	return hit(17);
}

SEC("cgroup/getsockname6")
int count_getsockname6(struct bpf_sock_addr *ctx)
{
	return hit(18);
}

SEC("cgroup/getsockname_unix")
int count_getsockname_unix(struct bpf_sock_addr *ctx)
{
	return hit(19);
}

SEC("sockops")
int count_sockops(struct bpf_sock_ops *ctx)
{
	return hit(20);
}

SEC("cgroup/getsockopt")
int count_getsockopt(struct bpf_sockopt *ctx)
{
	return hit(21);
}

SEC("cgroup/setsockopt")
int count_setsockopt(struct bpf_sockopt *ctx)
{
	return hit(22);
}

SEC("cgroup/sysctl")
int count_sysctl(struct bpf_sysctl *ctx)
{
	return hit(23);
}

SEC("cgroup/dev")
int count_dev(struct bpf_cgroup_dev_ctx *ctx)
{
	return hit(24);
}
