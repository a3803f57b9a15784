// SPDX-License-Identifier: GPL-2.0
/*
 * CO-RE programs for XlatedEqualityTest: loaded once by libbpf and once by bpf4j, each program's
 * translated instructions must be identical. Between them they use every relocation kind on
 * vmlinux.h types: field offsets through pointer chains, nested and anonymous members, arrays,
 * bitfields (probed and direct), sizes, signedness, existence, enums, ___flavor types, type
 * existence, size, matches and ids. Externs (__ksym, __kconfig) are not here: bpf4j's loader does
 * not resolve them yet. Everything computed goes to `out` so clang keeps every relocation.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

__u64 out[64];
char name[32];

/* A reduced view of task_struct: only the fields the program uses (a ___flavor is ignored by CO-RE). */
struct task_struct___lite {
	int pid;
	int tgid;
	struct task_struct___lite *real_parent;
	char comm[16];
} __attribute__((preserve_access_index));

/* An "old kernel" view with a field no kernel has. */
struct task_struct___old {
	int pid;
	long bpf4j_gone_field;
} __attribute__((preserve_access_index));

/* Same name as the kernel's, so it matches only if these members match. */
struct rb_node___m {
	unsigned long __rb_parent_color;
	struct rb_node___m *rb_right;
	struct rb_node___m *rb_left;
};

struct bpf4j_type_no_kernel_has {
	int x;
};

enum pid_type___mine {
	PIDTYPE_TGID___mine = 100,
	PIDTYPE_SID___mine = 200,
	PIDTYPE_BPF4J_NONE___mine = 300,
};

/* Pointer chains, nested and anonymous members, arrays, strings. */
SEC("raw_tp/sys_enter")
int chains(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();

	out[0] = BPF_CORE_READ(t, real_parent, tgid);
	out[1] = BPF_CORE_READ(t, mm, exe_file, f_path.dentry, d_inode, i_ino);      /* exe_file: anonymous struct in mm_struct */
	out[2] = BPF_CORE_READ(t, mm, saved_auxv[3]);                                 /* an array element */
	BPF_CORE_READ_STR_INTO(&name, t, mm, exe_file, f_path.dentry, d_name.name);
	BPF_CORE_READ_INTO(&out[3], t, signal, rlim[1].rlim_cur);                     /* array of structs */
	bpf_core_read(&out[4], sizeof(__u32), &t->comm[4]);
	bpf_core_read_str(name, sizeof(name), &t->comm);
	return 0;
}

/* Anonymous unions of sk_buff; sizes and offsets as values. */
SEC("raw_tp/netif_receive_skb")
int anon_members(struct bpf_raw_tracepoint_args *ctx)
{
	struct sk_buff *skb = (void *)ctx->args[0];

	out[5] = BPF_CORE_READ(skb, tstamp);                  /* union { ktime_t tstamp; u64 skb_mstamp_ns; } */
	out[6] = BPF_CORE_READ(skb, dev, ifindex);            /* next/prev/dev: struct in a union in a union */
	out[7] = BPF_CORE_READ(skb, len);
	out[8] = bpf_core_field_offset(struct sk_buff, cb);
	out[9] = bpf_core_field_size(skb->cb);
	out[10] = bpf_core_field_offset(skb->tstamp);
	out[11] = bpf_core_field_size(struct sk_buff, dev);
	return 0;
}

/* Bitfields: probed from an untrusted pointer, loaded directly from a trusted one. */
SEC("tp_btf/sched_switch")
int bitfields(__u64 *ctx)
{
	struct task_struct *prev = (void *)ctx[1];
	struct task_struct *cur = (void *)bpf_get_current_task();

	out[12] = BPF_CORE_READ_BITFIELD(prev, sched_reset_on_fork);
	out[13] = BPF_CORE_READ_BITFIELD(prev, sched_migrated);
	out[14] = BPF_CORE_READ_BITFIELD_PROBED(cur, sched_contributes_to_load);
	out[15] = __builtin_preserve_field_info(prev->prio, BPF_FIELD_SIGNED);
	return 0;
}

/* Enumerators, of the kernel's enum and of a flavored local one. */
SEC("raw_tp/sched_wakeup")
int enums(void *ctx)
{
	out[16] = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID);
	out[17] = bpf_core_enum_value_exists(enum pid_type, PIDTYPE_SID);
	out[18] = bpf_core_enum_value(enum pid_type___mine, PIDTYPE_SID___mine);
	out[19] = bpf_core_enum_value_exists(enum pid_type___mine, PIDTYPE_BPF4J_NONE___mine);
	if (bpf_core_enum_value_exists(enum pid_type___mine, PIDTYPE_BPF4J_NONE___mine))
		out[20] = bpf_core_enum_value(enum pid_type___mine, PIDTYPE_BPF4J_NONE___mine); /* poisoned, unreachable */
	out[21] = bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_RINGBUF);
	return 0;
}

/* ___flavor types: a reduced view, and an old layout whose missing field is guarded. */
SEC("raw_tp/sched_process_fork")
int flavors(void *ctx)
{
	struct task_struct___lite *t = (void *)bpf_get_current_task();
	struct task_struct___old *old = (void *)t;
	long gone = 0;

	out[22] = BPF_CORE_READ(t, real_parent, pid);
	BPF_CORE_READ_INTO(&name, t, comm);
	out[23] = bpf_core_field_exists(old->bpf4j_gone_field);
	if (bpf_core_field_exists(old->bpf4j_gone_field))
		bpf_core_read(&gone, sizeof(gone), &old->bpf4j_gone_field); /* poisoned, unreachable */
	out[24] = gone + bpf_core_field_exists(struct task_struct___lite, tgid);
	return 0;
}

/* Type existence, size, matches and ids. */
SEC("raw_tp/sched_process_exit")
int types(void *ctx)
{
	out[25] = bpf_core_type_exists(struct task_struct);
	out[26] = bpf_core_type_exists(struct bpf4j_type_no_kernel_has);
	out[27] = bpf_core_type_size(struct task_struct);
	out[28] = bpf_core_type_size(struct task_struct___lite);
	out[29] = bpf_core_type_matches(struct rb_node___m);
	out[30] = bpf_core_type_matches(struct task_struct___old);
	out[31] = bpf_core_type_id_kernel(struct task_struct);
	out[32] = bpf_core_type_id_kernel(struct bpf4j_type_no_kernel_has);
	out[33] = bpf_core_type_size(union bpf_attr);
	out[34] = bpf_core_type_exists(enum pid_type___mine);
	out[35] = bpf_core_type_id_local(struct task_struct___lite);
	return 0;
}
