// SPDX-License-Identifier: Apache-2.0
/*
 * Externs for XlatedEqualityTest: __kconfig values of several types (their .kconfig map
 * offsets must be libbpf's), an untyped __ksym, a kfunc called by BTF id and a weak kfunc no
 * kernel has behind bpf_ksym_exists(). Typed __ksyms are not here: this project's host kernel
 * has no CONFIG_KALLSYMS_ALL, so the verifier cannot place them (for either loader).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;
extern int CONFIG_HZ __kconfig;
extern unsigned long long CONFIG_ILLEGAL_POINTER_VALUE __kconfig __weak;
extern unsigned short CONFIG_NR_CPUS __kconfig __weak;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_NET __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig __weak;
extern char CONFIG_BPF_JIT __kconfig __weak;
extern int CONFIG_BPF4J_NOT_A_REAL_OPTION __kconfig __weak;
extern const void vfs_read __ksym;

struct bpf_ct_opts___v61 {
	s32 netns_id;
	s32 error;
	u8 l4proto;
	u8 dir;
	u8 reserved[2];
};

extern struct nf_conn *bpf_skb_ct_lookup(struct __sk_buff *skb_ctx, struct bpf_sock_tuple *bpf_tuple,
					 u32 tuple__sz, struct bpf_ct_opts___v61 *opts, u32 opts__sz) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;
extern void bpf4j_no_such_kfunc(int x) __ksym __weak;

__u64 out[12];
char hostname[16];

SEC("raw_tp/bpf4j_test_run_only")
int kconfig_ksym(void *ctx)
{
	out[0] = LINUX_KERNEL_VERSION;
	out[1] = LINUX_HAS_BPF_COOKIE;
	out[2] = CONFIG_HZ;
	out[3] = CONFIG_ILLEGAL_POINTER_VALUE;
	out[4] = CONFIG_NR_CPUS;
	out[5] = CONFIG_BPF_SYSCALL;
	out[6] = CONFIG_NET;
	out[7] = CONFIG_BPF_JIT;
	out[8] = CONFIG_BPF4J_NOT_A_REAL_OPTION;
	out[9] = (__u64)&vfs_read;
	__builtin_memcpy(hostname, CONFIG_DEFAULT_HOSTNAME, sizeof(hostname));
	return 0;
}

SEC("tc")
int ct_kfunc(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_ct_opts___v61 opts = { .netns_id = -1, .l4proto = 6 };
	struct nf_conn *ct;

	tuple.ipv4.saddr = bpf_htonl(0x7f000001);
	tuple.ipv4.daddr = bpf_htonl(0x7f000001);
	tuple.ipv4.dport = bpf_htons(9);
	ct = bpf_skb_ct_lookup(skb, &tuple, sizeof(tuple.ipv4), &opts, sizeof(opts));
	if (ct)
		bpf_ct_release(ct);
	if (bpf_ksym_exists(bpf4j_no_such_kfunc))
		bpf4j_no_such_kfunc(opts.error);
	return opts.error;
}
