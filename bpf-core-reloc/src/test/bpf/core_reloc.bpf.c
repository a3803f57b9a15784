// SPDX-License-Identifier: GPL-2.0
/*
 * Programs whose only purpose is to carry CO-RE relocations of every kind against
 * vmlinux.h types (and local ___flavor types) so CoreRelocatorTest can check the
 * relocated values against the kernel's BTF. Each program stores what it computes
 * into the global array `out` so clang keeps every relocated instruction.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* The relocation kinds of clang's builtins (enum bpf_core_relo_kind, linux/bpf.h). */
#define KIND_FIELD_BYTE_OFFSET 0
#define KIND_FIELD_BYTE_SIZE   1
#define KIND_FIELD_EXISTS      2
#define KIND_FIELD_SIGNED      3
#define KIND_FIELD_LSHIFT_U64  4
#define KIND_FIELD_RSHIFT_U64  5
#define KIND_TYPE_ID_LOCAL     0
#define KIND_TYPE_ID_TARGET    1
#define KIND_TYPE_EXISTS       0
#define KIND_TYPE_SIZE         1
#define KIND_TYPE_MATCHES      2
#define KIND_ENUMVAL_EXISTS    0
#define KIND_ENUMVAL_VALUE     1

/* Small local versions of libbpf's bpf_core_* macros (the shared header comes later). */
#define field_info(field, kind) __builtin_preserve_field_info(field, kind)
#define type_info(type, kind)   __builtin_preserve_type_info(*(typeof(type) *)0, kind)
#define type_id(type, kind)     __builtin_btf_type_id(*(typeof(type) *)0, kind)
#define enum_info(type, value, kind) __builtin_preserve_enum_value(*(typeof(type) *)value, kind)

char LICENSE[] SEC("license") = "GPL";

__u64 out[64];

/* A flavor of task_struct with one field the kernel has and one it does not. */
struct task_struct___old {
	int pid;
	int no_such_field_in_any_kernel;
} __attribute__((preserve_access_index));

/* A flavor whose `flags` is narrower than the kernel's unsigned int: the load is widened. */
struct task_struct___narrow {
	unsigned short flags;
	short pid;
} __attribute__((preserve_access_index));

/* A type that no kernel defines. */
struct bpf4j_no_such_struct {
	int a;
} __attribute__((preserve_access_index));

enum bpf4j_local_enum___flavor { BPF4J_NOT_IN_KERNEL = 7 };

enum pid_type___mine { PIDTYPE_SID___mine = 3, PIDTYPE_NOT_THERE___mine = 99 };

/* A flavor that TYPE_MATCHES accepts: same names, same integer sizes and signedness. */
struct task_struct___match {
	pid_t pid;
	pid_t tgid;
} __attribute__((preserve_access_index));

/* Two flavors exist only in the offline test BTF (fake_kernel.bpf.c), with `y` at different offsets. */
struct bpf4j_amb {
	int y;
} __attribute__((preserve_access_index));

/* Direct field loads: LDX instructions carrying FIELD_BYTE_OFFSET relocations. */
SEC("tp_btf/sched_process_exec")
int field_loads(__u64 *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();

	out[0] = t->pid;
	out[1] = t->tgid;
	out[2] = (__u64)t->real_parent;
	out[3] = t->comm[3];
	out[4] = t->real_parent->tgid;
	return 0;
}

/* Offsets, sizes and existence through __builtin_preserve_field_info: ALU imm relocations. */
SEC("raw_tp/sys_enter")
int field_infos(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct sk_buff *skb = (void *)0;

	out[0] = field_info(t->pid, KIND_FIELD_BYTE_OFFSET);
	out[1] = field_info(t->pid, KIND_FIELD_BYTE_SIZE);
	out[2] = field_info(t->pid, KIND_FIELD_EXISTS);
	out[3] = field_info(t->pid, KIND_FIELD_SIGNED);
	out[4] = field_info(t->flags, KIND_FIELD_SIGNED);
	out[5] = field_info(t->comm, KIND_FIELD_BYTE_SIZE);
	out[6] = field_info(t->comm[5], KIND_FIELD_BYTE_OFFSET);
	out[7] = field_info(skb->dev, KIND_FIELD_BYTE_OFFSET);
	out[8] = field_info(skb->len, KIND_FIELD_BYTE_OFFSET);
	return 0;
}

/* Bitfields: offset/size/shifts of sk_buff's 2-bit fclone and 1-bit sched_migrated of task_struct. */
SEC("raw_tp/sys_exit")
int bitfields(void *ctx)
{
	struct sk_buff *skb = (void *)0;
	struct task_struct *t = (void *)0;

	out[0] = field_info(skb->fclone, KIND_FIELD_BYTE_OFFSET);
	out[1] = field_info(skb->fclone, KIND_FIELD_BYTE_SIZE);
	out[2] = field_info(skb->fclone, KIND_FIELD_LSHIFT_U64);
	out[3] = field_info(skb->fclone, KIND_FIELD_RSHIFT_U64);
	out[4] = field_info(t->sched_migrated, KIND_FIELD_LSHIFT_U64);
	out[5] = field_info(t->sched_migrated, KIND_FIELD_RSHIFT_U64);
	out[6] = field_info(t->sched_migrated, KIND_FIELD_SIGNED);
	return 0;
}

/* Types and enums: TYPE_* relocations (ALU imm and ld_imm64) and ENUMVAL_* relocations. */
SEC("raw_tp/sched_switch")
int types_and_enums(void *ctx)
{
	out[0] = type_info(struct task_struct, KIND_TYPE_EXISTS);
	out[1] = type_info(struct task_struct, KIND_TYPE_SIZE);
	out[2] = type_info(struct bpf4j_no_such_struct, KIND_TYPE_EXISTS);
	out[3] = type_info(struct bpf4j_no_such_struct, KIND_TYPE_SIZE);
	out[4] = type_id(struct task_struct, KIND_TYPE_ID_LOCAL);
	out[5] = type_id(struct task_struct, KIND_TYPE_ID_TARGET);
	out[6] = enum_info(enum pid_type, PIDTYPE_TGID, KIND_ENUMVAL_EXISTS);
	out[7] = enum_info(enum pid_type, PIDTYPE_SID, KIND_ENUMVAL_VALUE);
	out[8] = enum_info(enum pid_type___mine, PIDTYPE_SID___mine, KIND_ENUMVAL_VALUE);
	out[9] = enum_info(enum pid_type___mine, PIDTYPE_NOT_THERE___mine, KIND_ENUMVAL_EXISTS);
	out[10] = enum_info(enum bpf4j_local_enum___flavor, BPF4J_NOT_IN_KERNEL, KIND_ENUMVAL_EXISTS);
	out[11] = type_info(struct task_struct___old, KIND_TYPE_EXISTS);
	out[12] = type_info(struct task_struct___old, KIND_TYPE_MATCHES);
	out[13] = type_info(struct task_struct___match, KIND_TYPE_MATCHES);
	if (enum_info(enum pid_type___mine, PIDTYPE_NOT_THERE___mine, KIND_ENUMVAL_EXISTS))
		out[14] = enum_info(enum pid_type___mine, PIDTYPE_NOT_THERE___mine, KIND_ENUMVAL_VALUE);
	return 0;
}

/* Flavors: fields that exist, that do not (poisoned), and one whose load size changes. */
SEC("tp_btf/sched_process_fork")
int flavors(__u64 *ctx)
{
	struct task_struct___old *old = (void *)bpf_get_current_task_btf();
	struct task_struct___narrow *narrow = (void *)old;

	out[0] = field_info(old->no_such_field_in_any_kernel, KIND_FIELD_EXISTS);
	out[1] = field_info(old->pid, KIND_FIELD_EXISTS);
	out[2] = old->pid;
	if (field_info(old->no_such_field_in_any_kernel, KIND_FIELD_EXISTS))
		out[3] = old->no_such_field_in_any_kernel;
	out[4] = narrow->flags;
	if (field_info(narrow->pid, KIND_FIELD_EXISTS))
		out[5] = narrow->pid;
	return 0;
}

/* Resolves to one offset on the kernel (no such type: poisoned), to two offsets offline: ambiguity. */
SEC("raw_tp/sched_wakeup")
int ambiguous(void *ctx)
{
	struct bpf4j_amb *a = (void *)0;

	out[0] = field_info(a->y, KIND_FIELD_BYTE_OFFSET);
	return 0;
}
