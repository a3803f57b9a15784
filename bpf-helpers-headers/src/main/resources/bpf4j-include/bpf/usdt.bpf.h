/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf4j: USDT (user statically defined tracing) probes for BPF programs, with libbpf's names,
 * map names and spec layout, so that programs written for libbpf's usdt.bpf.h build unchanged.
 *
 *     SEC("usdt//usr/bin/python3:python:function__entry")
 *     int BPF_USDT(on_entry, const char *file, const char *function, int line)
 *     { ... }
 *
 * A USDT probe is a nop instruction in a program plus a note (.note.stapsdt) saying where each
 * argument lives at that instruction: a constant, a register, memory at register + offset, or
 * memory at base + index * scale + offset. bpf4j's usdt attach plugin (Java) reads the notes,
 * writes one spec per probe site into __bpf_usdt_specs and attaches a uprobe there whose BPF
 * cookie is the spec's index. On kernels without BPF cookies (before 5.15) the plugin fills
 * __bpf_usdt_ip_to_spec_id instead and the program finds its spec by instruction pointer: the
 * choice is made at load, by a CO-RE query of the kernel's enum bpf_func_id, so the helper the
 * kernel lacks is never verified.
 *
 * Needs the kernel's types (vmlinux.h) and -D__TARGET_ARCH_<arch> as bpf_tracing.h does.
 */
#ifndef __BPF4J_USDT_BPF_H
#define __BPF4J_USDT_BPF_H

#include "bpf_helpers.h"
#include "bpf_tracing.h"
#include "bpf_core_read.h"

#ifndef ESRCH
#define ESRCH 3
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

/* Size of the spec map: how many distinct probe sites may be attached at once (override before including). */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
/* Size of the instruction pointer -> spec map used on kernels without BPF cookies. */
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif
/* The most arguments a probe can have (<sys/sdt.h> allows 12). */
#define BPF_USDT_MAX_ARG_CNT 12

/* Where an argument lives; the numbers are shared with bpf4j's UsdtSpecLayout. */
enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,     /* the value is val_off */
	BPF_USDT_ARG_REG,       /* the value is the register at reg_off in struct pt_regs */
	BPF_USDT_ARG_REG_DEREF, /* the value is in user memory at register + val_off */
	BPF_USDT_ARG_SIB,       /* in user memory at register + (index register << scale_bitshift) + val_off */
};

/*
 * One argument: 16 bytes. The four bytes after val_off hold the type and, for
 * BPF_USDT_ARG_SIB, the index register and scale; for the other types the word equals the
 * type's number, as in libbpf releases before SIB support.
 */
struct __bpf_usdt_arg_spec {
	__u64 val_off;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	__u32 arg_type : 8;
	__u32 idx_reg_off : 12;
	__u32 scale_bitshift : 4;
	__u32 __reserved : 8;
#else
	__u32 __reserved : 8;
	__u32 idx_reg_off : 12;
	__u32 scale_bitshift : 4;
	__u32 arg_type : 8;
#endif
	/* offset of the (base) register in struct pt_regs */
	short reg_off;
	/* whether the value is sign-extended from its size */
	_Bool arg_signed;
	/* 64 - 8 * size: the bits shifted out (and back) to cut the value to its size */
	char arg_bitshift;
};

/* One probe site's arguments and the user's cookie: 208 bytes. */
struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;
	short arg_cnt;
};

/* Weak, so that several objects linked together share one of each. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

/* The spec index of the probe being run: its BPF cookie, or its instruction pointer's entry. */
static __always_inline int __bpf_usdt_spec_id(struct pt_regs *ctx)
{
	if (!bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_get_attach_cookie)) {
		long ip = PT_REGS_IP(ctx);
		int *spec_id = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);

		return spec_id ? *spec_id : -ESRCH;
	}
	return bpf_get_attach_cookie(ctx);
}

static __always_inline struct __bpf_usdt_spec *__bpf_usdt_spec(struct pt_regs *ctx)
{
	int spec_id = __bpf_usdt_spec_id(ctx);

	if (spec_id < 0)
		return 0;
	return bpf_map_lookup_elem(&__bpf_usdt_specs, &spec_id);
}

/* The number of arguments of the probe being run, or -ESRCH if it has no spec. */
static __always_inline int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);

	return spec ? spec->arg_cnt : -ESRCH;
}

/* The size in bytes of argument ARG_NUM (0-based), or a negative error. */
static __always_inline int bpf_usdt_arg_size(struct pt_regs *ctx, __u64 arg_num)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);

	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT)
		return -ENOENT;
	barrier_var(arg_num);
	if (arg_num >= spec->arg_cnt)
		return -ENOENT;
	return (64 - (unsigned int)spec->args[arg_num].arg_bitshift) >> 3;
}

/*
 * Reads argument ARG_NUM (0-based) of the probe being run into *RES, sign- or zero-extended to
 * 64 bits as the note's size says. Returns 0, or a negative error (then *RES is 0): -ESRCH
 * without a spec, -ENOENT past the last argument, or the failed read's error.
 */
static __always_inline int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec;
	struct __bpf_usdt_arg_spec *arg;
	unsigned long val, idx;
	int err;

	*res = 0;
	spec = __bpf_usdt_spec(ctx);
	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT)
		return -ENOENT;
	barrier_var(arg_num);
	if (arg_num >= spec->arg_cnt)
		return -ENOENT;
	arg = &spec->args[arg_num];
	switch (arg->arg_type) {
	case BPF_USDT_ARG_CONST:
		val = arg->val_off;
		break;
	case BPF_USDT_ARG_REG:
		/* pt_regs may not be read at a variable offset directly. */
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		break;
	case BPF_USDT_ARG_REG_DEREF:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val), (void *)val + arg->val_off);
		if (err)
			return err;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		/* The value's bytes come first: bring them to the low end. */
		val >>= arg->arg_bitshift;
#endif
		break;
	case BPF_USDT_ARG_SIB:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_kernel(&idx, sizeof(idx), (void *)ctx + arg->idx_reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val),
					  (void *)(val + (idx << arg->scale_bitshift) + arg->val_off));
		if (err)
			return err;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		val >>= arg->arg_bitshift;
#endif
		break;
	default:
		return -EINVAL;
	}
	/* Cut to the argument's size, then extend as its sign says. */
	val <<= arg->arg_bitshift;
	if (arg->arg_signed)
		val = ((long)val) >> arg->arg_bitshift;
	else
		val = val >> arg->arg_bitshift;
	*res = val;
	return 0;
}

/* The cookie given when the probe was attached (bpf4j's UsdtOptions), 0 if none. */
static __always_inline long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);

	return spec ? spec->usdt_cookie : 0;
}

/* ---- BPF_USDT: typed arguments read with bpf_usdt_arg (0 for an argument that cannot be read). ---- */

static __always_inline long ___bpf4j_usdt_arg(struct pt_regs *ctx, __u64 n)
{
	long value;

	bpf_usdt_arg(ctx, n, &value);
	return value;
}

#define ___bpf4j_usdt_args0() ctx
#define ___bpf4j_usdt_args1(x) ___bpf4j_usdt_args0(), (void *)___bpf4j_usdt_arg(ctx, 0)
#define ___bpf4j_usdt_args2(x, args...) ___bpf4j_usdt_args1(args), (void *)___bpf4j_usdt_arg(ctx, 1)
#define ___bpf4j_usdt_args3(x, args...) ___bpf4j_usdt_args2(args), (void *)___bpf4j_usdt_arg(ctx, 2)
#define ___bpf4j_usdt_args4(x, args...) ___bpf4j_usdt_args3(args), (void *)___bpf4j_usdt_arg(ctx, 3)
#define ___bpf4j_usdt_args5(x, args...) ___bpf4j_usdt_args4(args), (void *)___bpf4j_usdt_arg(ctx, 4)
#define ___bpf4j_usdt_args6(x, args...) ___bpf4j_usdt_args5(args), (void *)___bpf4j_usdt_arg(ctx, 5)
#define ___bpf4j_usdt_args7(x, args...) ___bpf4j_usdt_args6(args), (void *)___bpf4j_usdt_arg(ctx, 6)
#define ___bpf4j_usdt_args8(x, args...) ___bpf4j_usdt_args7(args), (void *)___bpf4j_usdt_arg(ctx, 7)
#define ___bpf4j_usdt_args9(x, args...) ___bpf4j_usdt_args8(args), (void *)___bpf4j_usdt_arg(ctx, 8)
#define ___bpf4j_usdt_args10(x, args...) ___bpf4j_usdt_args9(args), (void *)___bpf4j_usdt_arg(ctx, 9)
#define ___bpf4j_usdt_args11(x, args...) ___bpf4j_usdt_args10(args), (void *)___bpf4j_usdt_arg(ctx, 10)
#define ___bpf4j_usdt_args12(x, args...) ___bpf4j_usdt_args11(args), (void *)___bpf4j_usdt_arg(ctx, 11)
#define ___bpf_usdt_args(args...) ___bpf_apply(___bpf4j_usdt_args, ___bpf_narg(args))(args)

/*
 * Declares the entry point NAME(struct pt_regs *ctx) and an inlined body
 * ____NAME(ctx, <typed args>) that the code following the macro defines; each argument is
 * bpf_usdt_arg's value converted to the declared type (bpf_tracing.h's shared wrapper).
 */
#define BPF_USDT(name, args...) ___bpf4j_pt_regs_program(name, ___bpf_usdt_args, ##args)

#endif /* __BPF4J_USDT_BPF_H */
