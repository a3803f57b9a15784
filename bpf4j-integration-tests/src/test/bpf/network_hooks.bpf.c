// SPDX-License-Identifier: Apache-2.0
/*
 * The networking hooks of NetworkHooksTest: one program per hook, each counting its runs in a
 * global of its own (.bss), so a test sees exactly its hook fire and fall silent after detach.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

/* include/uapi/linux/netfilter.h: not in BTF (macros). */
#define NF_ACCEPT 1
/* include/uapi/linux/bpf.h, enum sk_action. */
#define SK_DROP_VERDICT 0
#define SK_PASS_VERDICT 1

__u64 socket_hits;
__u64 socket_dropping;
__u64 reuseport_hits;
__u32 reuseport_chosen;
__u64 dissector_hits;
__u64 msg_hits;
__u64 msg_bytes;
__u64 parser_hits;
__u64 verdict_hits;
__u64 skb_verdict_hits;
__u64 nf_in_hits;
__u64 nf_out_hits;
__u16 nf_port;
__u64 lwt_in_hits;
__u64 lwt_out_hits;
__u64 lwt_xmit_hits;
__u64 netkit_primary_hits;
__u64 netkit_peer_hits;
__u64 action_hits;

/* The reuseport group's sockets, by slot; Java puts the socket fds in. */
struct {
	__uint(type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} reuseport_group SEC(".maps");

/* The connected TCP sockets whose sendmsg/receive the sk_msg and sk_skb programs see. */
struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} sockets SEC(".maps");

/* A second sockmap: sk_skb/verdict and sk_skb/stream_verdict cannot share one map. */
struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} verdict_sockets SEC(".maps");

/* Counts datagrams reaching the socket; keeps them whole, or drops them while socket_dropping. */
SEC("socket")
int count_socket(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&socket_hits, 1);
	return socket_dropping ? 0 : skb->len;
}

/* Sends every datagram of the reuseport group to the socket in slot reuseport_chosen. */
SEC("sk_reuseport")
int select_reuseport(struct sk_reuseport_md *md)
{
	__u32 slot = reuseport_chosen;

	__sync_fetch_and_add(&reuseport_hits, 1);
	if (bpf_sk_select_reuseport(md, &reuseport_group, &slot, 0))
		return SK_DROP_VERDICT;
	return SK_PASS_VERDICT;
}

/* The same selector, loaded for BPF_SK_REUSEPORT_SELECT_OR_MIGRATE (5.14). */
SEC("sk_reuseport/migrate")
int select_or_migrate(struct sk_reuseport_md *md)
{
	__u32 slot = reuseport_chosen;

	__sync_fetch_and_add(&reuseport_hits, 1);
	if (bpf_sk_select_reuseport(md, &reuseport_group, &slot, 0))
		return SK_DROP_VERDICT;
	return SK_PASS_VERDICT;
}

/* Counts dissections; BPF_OK with the keys as the kernel set them up (network header offset). */
SEC("flow_dissector")
int count_dissect(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&dissector_hits, 1);
	return BPF_OK;
}

SEC("sk_msg")
int count_msg(struct sk_msg_md *msg)
{
	__sync_fetch_and_add(&msg_hits, 1);
	__sync_fetch_and_add(&msg_bytes, msg->size);
	return SK_PASS_VERDICT;
}

/* One message per skb: the whole skb. */
SEC("sk_skb/stream_parser")
int parse_stream(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&parser_hits, 1);
	return skb->len;
}

SEC("sk_skb/stream_verdict")
int count_stream_verdict(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&verdict_hits, 1);
	return SK_PASS_VERDICT;
}

SEC("sk_skb/verdict")
int count_skb_verdict(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&skb_verdict_hits, 1);
	return SK_PASS_VERDICT;
}

/* Counts IPv4 UDP packets to nf_port at NF_INET_LOCAL_IN and NF_INET_LOCAL_OUT. */
SEC("netfilter")
int count_netfilter(struct bpf_nf_ctx *ctx)
{
	struct sk_buff *skb = ctx->skb;
	unsigned char *network = skb->head + skb->network_header;
	struct iphdr ip;
	struct udphdr udp;

	if (bpf_probe_read_kernel(&ip, sizeof(ip), network) || ip.version != 4 || ip.protocol != IPPROTO_UDP)
		return NF_ACCEPT;
	if (bpf_probe_read_kernel(&udp, sizeof(udp), network + ip.ihl * 4) || udp.dest != bpf_htons(nf_port))
		return NF_ACCEPT;
	if (ctx->state->hook == NF_INET_LOCAL_IN)
		__sync_fetch_and_add(&nf_in_hits, 1);
	else if (ctx->state->hook == NF_INET_LOCAL_OUT)
		__sync_fetch_and_add(&nf_out_hits, 1);
	return NF_ACCEPT;
}

SEC("lwt_in")
int count_lwt_in(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&lwt_in_hits, 1);
	return BPF_OK;
}

SEC("lwt_out")
int count_lwt_out(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&lwt_out_hits, 1);
	return BPF_OK;
}

SEC("lwt_xmit")
int count_lwt_xmit(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&lwt_xmit_hits, 1);
	return BPF_OK;
}

/* include/uapi/linux/bpf.h, enum netkit_action: NETKIT_PASS. */
SEC("netkit/primary")
int count_netkit_primary(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&netkit_primary_hits, 1);
	return 0;
}

SEC("netkit/peer")
int count_netkit_peer(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&netkit_peer_hits, 1);
	return 0;
}

/* include/uapi/linux/pkt_cls.h: TC_ACT_PIPE, the next action (none: the packet goes on). */
SEC("action")
int count_action(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&action_hits, 1);
	return 3;
}
