/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf4j: tracing helpers for BPF programs: the registers of a probed function and the
 * BPF_PROG / BPF_KPROBE family that turns a context into typed arguments.
 *
 * Written for bpf4j with libbpf's names. The register layout depends on the architecture the
 * program will run on, chosen by a define (the bpf4j Maven plugin passes the build machine's):
 *   -D__TARGET_ARCH_x86     x86_64
 *   -D__TARGET_ARCH_arm64   AArch64
 *
 *     SEC("uprobe//usr/bin/bash:readline")
 *     int BPF_UPROBE(on_readline, const char *prompt)
 *     { ... }
 *
 *     SEC("uretprobe//usr/bin/bash:readline")
 *     int BPF_URETPROBE(readline_done, const char *line)
 *     { ... }
 *
 *     SEC("tp_btf/sched_switch")
 *     int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
 *     { ... }
 *
 * The PT_REGS_* accessors read the register fields directly; their PT_REGS_*_CORE variants read
 * them with a relocated bpf_probe_read_kernel (for a pt_regs the verifier does not let the
 * program dereference). The *_SYSCALL accessors and BPF_KSYSCALL are not provided yet.
 */
#ifndef __BPF4J_BPF_TRACING_H
#define __BPF4J_BPF_TRACING_H

#include "bpf_helpers.h"
#include "bpf_core_read.h"

/* ---- struct pt_regs, per architecture. ---- */

#if defined(__TARGET_ARCH_x86)

/*
 * x86_64 System V calling convention: integer arguments in rdi, rsi, rdx, rcx, r8, r9, the
 * result in rax. The kernel's struct pt_regs (vmlinux.h, or the kernel's own headers) names the
 * fields without the 'r'; the user-space one of <asm/ptrace.h> keeps it.
 */
# if defined(__VMLINUX_H__) || defined(__KERNEL__)
#  define __bpf4j_x86_reg(kernel_name, user_name) kernel_name
# else
#  define __bpf4j_x86_reg(kernel_name, user_name) user_name
# endif
# define __BPF4J_PT_REGS(x) ((const struct pt_regs *)(x))
# define PT_REGS_PARM1(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(di, rdi))
# define PT_REGS_PARM2(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(si, rsi))
# define PT_REGS_PARM3(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(dx, rdx))
# define PT_REGS_PARM4(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(cx, rcx))
# define PT_REGS_PARM5(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(r8, r8))
# define PT_REGS_PARM6(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(r9, r9))
/* The return address is at the top of the stack on entry: read it with bpf_probe_read_kernel/user. */
# define PT_REGS_RET(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(sp, rsp))
# define PT_REGS_FP(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(bp, rbp))
# define PT_REGS_RC(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(ax, rax))
# define PT_REGS_SP(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(sp, rsp))
# define PT_REGS_IP(x) (__BPF4J_PT_REGS(x)->__bpf4j_x86_reg(ip, rip))
# define __BPF4J_PT_REGS_MAX_PARM 6

#elif defined(__TARGET_ARCH_arm64)

/*
 * AAPCS64: arguments in x0..x7, the result in x0, the link register x30 holds the return
 * address and x29 the frame pointer. The kernel's struct pt_regs starts with the UAPI
 * struct user_pt_regs { regs[31], sp, pc, pstate }, so reading through the UAPI struct works
 * with vmlinux.h and with <asm/ptrace.h> alike.
 */
# define __BPF4J_PT_REGS(x) ((const struct user_pt_regs *)(x))
# define PT_REGS_PARM1(x) (__BPF4J_PT_REGS(x)->regs[0])
# define PT_REGS_PARM2(x) (__BPF4J_PT_REGS(x)->regs[1])
# define PT_REGS_PARM3(x) (__BPF4J_PT_REGS(x)->regs[2])
# define PT_REGS_PARM4(x) (__BPF4J_PT_REGS(x)->regs[3])
# define PT_REGS_PARM5(x) (__BPF4J_PT_REGS(x)->regs[4])
# define PT_REGS_PARM6(x) (__BPF4J_PT_REGS(x)->regs[5])
# define PT_REGS_PARM7(x) (__BPF4J_PT_REGS(x)->regs[6])
# define PT_REGS_PARM8(x) (__BPF4J_PT_REGS(x)->regs[7])
# define PT_REGS_RET(x) (__BPF4J_PT_REGS(x)->regs[30])
# define PT_REGS_FP(x) (__BPF4J_PT_REGS(x)->regs[29])
# define PT_REGS_RC(x) (__BPF4J_PT_REGS(x)->regs[0])
# define PT_REGS_SP(x) (__BPF4J_PT_REGS(x)->sp)
# define PT_REGS_IP(x) (__BPF4J_PT_REGS(x)->pc)
# define __BPF4J_PT_REGS_MAX_PARM 8

#else

/*
 * No target architecture: the register accessors cannot be right for any machine, so using
 * one is a compile error that says what to do (merely including this header is fine).
 */
# define __BPF4J_NO_ARCH(x) \
	({ _Pragma("GCC error \"bpf_tracing.h: define __TARGET_ARCH_x86 or __TARGET_ARCH_arm64 (-D__TARGET_ARCH_<arch>)\"") 0l; })
# define PT_REGS_PARM1(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM2(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM3(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM4(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM5(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM6(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM7(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_PARM8(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_RET(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_FP(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_RC(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_SP(x) __BPF4J_NO_ARCH(x)
# define PT_REGS_IP(x) __BPF4J_NO_ARCH(x)
# define __BPF4J_PT_REGS_MAX_PARM 8

#endif

#if __BPF4J_PT_REGS_MAX_PARM < 8
/* Arguments past the sixth are on the stack on this architecture: not a register read. */
# define __BPF4J_STACK_PARM(n) \
	({ _Pragma("GCC error \"bpf_tracing.h: this argument is passed on the stack on this architecture; only the first 6 are in registers\"") 0l; })
# define PT_REGS_PARM7(x) __BPF4J_STACK_PARM(7)
# define PT_REGS_PARM8(x) __BPF4J_STACK_PARM(8)
#endif

/* ---- PT_REGS_*_CORE: the same registers read through a relocated probe read. ---- */

/* Reads the register lvalue REG (one of the PT_REGS_* expressions) with bpf_core_read. */
#define ___bpf4j_core_reg(reg) \
	({ \
		typeof((reg) + 0) ___bpf4j_reg = 0; /* + 0 drops the const of the pt_regs view */ \
		bpf_core_read(&___bpf4j_reg, sizeof(___bpf4j_reg), &(reg)); \
		___bpf4j_reg; \
	})
#define PT_REGS_PARM1_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM1(x))
#define PT_REGS_PARM2_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM2(x))
#define PT_REGS_PARM3_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM3(x))
#define PT_REGS_PARM4_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM4(x))
#define PT_REGS_PARM5_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM5(x))
#define PT_REGS_PARM6_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM6(x))
#define PT_REGS_PARM7_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM7(x))
#define PT_REGS_PARM8_CORE(x) ___bpf4j_core_reg(PT_REGS_PARM8(x))
#define PT_REGS_RET_CORE(x) ___bpf4j_core_reg(PT_REGS_RET(x))
#define PT_REGS_FP_CORE(x) ___bpf4j_core_reg(PT_REGS_FP(x))
#define PT_REGS_RC_CORE(x) ___bpf4j_core_reg(PT_REGS_RC(x))
#define PT_REGS_SP_CORE(x) ___bpf4j_core_reg(PT_REGS_SP(x))
#define PT_REGS_IP_CORE(x) ___bpf4j_core_reg(PT_REGS_IP(x))

/* ---- BPF_PROG: typed arguments for programs whose context is an array of u64 (tp_btf, fentry, raw_tp, iter...). ---- */

/* ctx, (void *)ctx[0], ..., (void *)ctx[n-1]: each slot converted to the declared parameter's type. */
#define ___bpf4j_ctx_args0() ctx
#define ___bpf4j_ctx_args1(x) ___bpf4j_ctx_args0(), (void *)ctx[0]
#define ___bpf4j_ctx_args2(x, args...) ___bpf4j_ctx_args1(args), (void *)ctx[1]
#define ___bpf4j_ctx_args3(x, args...) ___bpf4j_ctx_args2(args), (void *)ctx[2]
#define ___bpf4j_ctx_args4(x, args...) ___bpf4j_ctx_args3(args), (void *)ctx[3]
#define ___bpf4j_ctx_args5(x, args...) ___bpf4j_ctx_args4(args), (void *)ctx[4]
#define ___bpf4j_ctx_args6(x, args...) ___bpf4j_ctx_args5(args), (void *)ctx[5]
#define ___bpf4j_ctx_args7(x, args...) ___bpf4j_ctx_args6(args), (void *)ctx[6]
#define ___bpf4j_ctx_args8(x, args...) ___bpf4j_ctx_args7(args), (void *)ctx[7]
#define ___bpf4j_ctx_args9(x, args...) ___bpf4j_ctx_args8(args), (void *)ctx[8]
#define ___bpf4j_ctx_args10(x, args...) ___bpf4j_ctx_args9(args), (void *)ctx[9]
#define ___bpf4j_ctx_args11(x, args...) ___bpf4j_ctx_args10(args), (void *)ctx[10]
#define ___bpf4j_ctx_args12(x, args...) ___bpf4j_ctx_args11(args), (void *)ctx[11]
#define ___bpf_ctx_cast(args...) ___bpf_apply(___bpf4j_ctx_args, ___bpf_narg(args))(args)

/*
 * Declares the entry point NAME(unsigned long long *ctx), which the loader sees, and an inlined
 * body ____NAME(ctx, <typed args>) that the code following the macro defines. The integer <->
 * pointer conversions of the argument passing are intended, hence -Wint-conversion is silenced.
 * Only arguments of at most 8 bytes each: use BPF_PROG2 for structs passed by value.
 */
#define BPF_PROG(name, args...) \
name(unsigned long long *ctx); \
static __always_inline typeof(name(0)) ____##name(unsigned long long *ctx, ##args); \
typeof(name(0)) name(unsigned long long *ctx) \
{ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return ____##name(___bpf_ctx_cast(args)); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) ____##name(unsigned long long *ctx, ##args)

/* ---- BPF_PROG2: like BPF_PROG, but parameters are given as (type, name) pairs so sizes are known. ---- */

/* How many 8-byte context slots an argument of type T occupies (structs up to 16 bytes). */
#define ___bpf4j_slots(t) ((sizeof(t) + 7) / 8)

/*
 * Argument of type T starting at slot N, reassembled through a union so that a struct of up to
 * 16 bytes passed by value comes out whole, and a narrow integer keeps only its own bytes.
 */
#define ___bpf4j_union_arg(t, n) \
	__builtin_choose_expr(sizeof(t) == 1, ({ union { __u8 __z[1]; t __v; } ___u = { .__z = { ctx[n] } }; ___u.__v; }), \
	__builtin_choose_expr(sizeof(t) == 2, ({ union { __u16 __z[1]; t __v; } ___u = { .__z = { ctx[n] } }; ___u.__v; }), \
	__builtin_choose_expr(sizeof(t) == 4, ({ union { __u32 __z[1]; t __v; } ___u = { .__z = { ctx[n] } }; ___u.__v; }), \
	__builtin_choose_expr(sizeof(t) == 8, ({ union { __u64 __z[1]; t __v; } ___u = { .__z = { ctx[n] } }; ___u.__v; }), \
	__builtin_choose_expr(sizeof(t) == 16, ({ union { __u64 __z[2]; t __v; } ___u = { .__z = { ctx[n], ctx[(n) + 1] } }; ___u.__v; }), \
	(void)0)))))

/* Number of (type, name) pairs from the number of macro arguments. */
#define ___bpf4j_npairs(args...) \
	___bpf_nth(_, ##args, 12, _odd, 11, _odd, 10, _odd, 9, _odd, 8, _odd, 7, _odd, 6, _odd, 5, _odd, 4, _odd, \
		   3, _odd, 2, _odd, 1, _odd, 0)
/* An odd argument count is a misuse: say so instead of failing somewhere in the expansion. */
#define ___bpf4j_p2_decl_odd(args...) \
	_Pragma("GCC error \"BPF_PROG2 takes (type, name) pairs: an argument is missing\"")
#define ___bpf4j_p2_val_odd(args...) ___bpf4j_p2_decl_odd()
/* The list of "type name" parameter declarations, each preceded by a comma. */
#define ___bpf4j_p2_decl0()
#define ___bpf4j_p2_decl1(t, x) , t x
#define ___bpf4j_p2_decl2(t, x, args...) , t x ___bpf4j_p2_decl1(args)
#define ___bpf4j_p2_decl3(t, x, args...) , t x ___bpf4j_p2_decl2(args)
#define ___bpf4j_p2_decl4(t, x, args...) , t x ___bpf4j_p2_decl3(args)
#define ___bpf4j_p2_decl5(t, x, args...) , t x ___bpf4j_p2_decl4(args)
#define ___bpf4j_p2_decl6(t, x, args...) , t x ___bpf4j_p2_decl5(args)
#define ___bpf4j_p2_decl7(t, x, args...) , t x ___bpf4j_p2_decl6(args)
#define ___bpf4j_p2_decl8(t, x, args...) , t x ___bpf4j_p2_decl7(args)
#define ___bpf4j_p2_decl9(t, x, args...) , t x ___bpf4j_p2_decl8(args)
#define ___bpf4j_p2_decl10(t, x, args...) , t x ___bpf4j_p2_decl9(args)
#define ___bpf4j_p2_decl11(t, x, args...) , t x ___bpf4j_p2_decl10(args)
#define ___bpf4j_p2_decl12(t, x, args...) , t x ___bpf4j_p2_decl11(args)
/* The argument values, each preceded by a comma; N is the first slot of the current pair. */
#define ___bpf4j_p2_val0(n)
#define ___bpf4j_p2_val1(n, t, x) , ___bpf4j_union_arg(t, n)
#define ___bpf4j_p2_val2(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val1((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val3(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val2((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val4(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val3((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val5(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val4((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val6(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val5((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val7(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val6((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val8(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val7((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val9(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val8((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val10(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val9((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val11(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val10((n) + ___bpf4j_slots(t), args)
#define ___bpf4j_p2_val12(n, t, x, args...) , ___bpf4j_union_arg(t, n) ___bpf4j_p2_val11((n) + ___bpf4j_slots(t), args)

/*
 * BPF_PROG2(name, type1, arg1, type2, arg2, ...): for fentry/fexit/tp_btf programs whose traced
 * function takes a struct of up to 16 bytes by value (it spans two context slots).
 */
#define BPF_PROG2(name, args...) \
name(unsigned long long *ctx); \
static __always_inline typeof(name(0)) \
____##name(unsigned long long *ctx ___bpf_apply(___bpf4j_p2_decl, ___bpf4j_npairs(args))(args)); \
typeof(name(0)) name(unsigned long long *ctx) \
{ \
	return ____##name(ctx ___bpf_apply(___bpf4j_p2_val, ___bpf4j_npairs(args))(0, args)); \
} \
static __always_inline typeof(name(0)) \
____##name(unsigned long long *ctx ___bpf_apply(___bpf4j_p2_decl, ___bpf4j_npairs(args))(args))

/* ---- BPF_KPROBE / BPF_UPROBE: typed arguments read from struct pt_regs. ---- */

/*
 * The shape shared by every program that takes struct pt_regs (kprobes, uprobes, USDT):
 * NAME(ctx) is the entry point and calls the inlined ____NAME(ctx, <typed args>) that the code
 * following the macro defines, with the values UNPACK(args) reads converted to the declared
 * types (hence the silenced integer-to-pointer warning).
 */
#define ___bpf4j_pt_regs_program(name, unpack, args...) \
name(struct pt_regs *ctx); \
static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##args); \
typeof(name(0)) name(struct pt_regs *ctx) \
{ \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	return ____##name(unpack(args)); \
	_Pragma("GCC diagnostic pop") \
} \
static __always_inline typeof(name(0)) ____##name(struct pt_regs *ctx, ##args)


#define ___bpf4j_kprobe_args0() ctx
#define ___bpf4j_kprobe_args1(x) ___bpf4j_kprobe_args0(), (void *)PT_REGS_PARM1(ctx)
#define ___bpf4j_kprobe_args2(x, args...) ___bpf4j_kprobe_args1(args), (void *)PT_REGS_PARM2(ctx)
#define ___bpf4j_kprobe_args3(x, args...) ___bpf4j_kprobe_args2(args), (void *)PT_REGS_PARM3(ctx)
#define ___bpf4j_kprobe_args4(x, args...) ___bpf4j_kprobe_args3(args), (void *)PT_REGS_PARM4(ctx)
#define ___bpf4j_kprobe_args5(x, args...) ___bpf4j_kprobe_args4(args), (void *)PT_REGS_PARM5(ctx)
#define ___bpf4j_kprobe_args6(x, args...) ___bpf4j_kprobe_args5(args), (void *)PT_REGS_PARM6(ctx)
#define ___bpf4j_kprobe_args7(x, args...) ___bpf4j_kprobe_args6(args), (void *)PT_REGS_PARM7(ctx)
#define ___bpf4j_kprobe_args8(x, args...) ___bpf4j_kprobe_args7(args), (void *)PT_REGS_PARM8(ctx)
#define ___bpf_kprobe_args(args...) ___bpf_apply(___bpf4j_kprobe_args, ___bpf_narg(args))(args)

/* Entry of a kernel function: the arguments come from the argument registers. */
#define BPF_KPROBE(name, args...) ___bpf4j_pt_regs_program(name, ___bpf_kprobe_args, ##args)

#define ___bpf4j_kretprobe_args0() ctx
#define ___bpf4j_kretprobe_args1(x) ___bpf4j_kretprobe_args0(), (void *)PT_REGS_RC(ctx)
#define ___bpf_kretprobe_args(args...) ___bpf_apply(___bpf4j_kretprobe_args, ___bpf_narg(args))(args)

/* Return of a kernel function: at most one argument, the return value. */
#define BPF_KRETPROBE(name, args...) ___bpf4j_pt_regs_program(name, ___bpf_kretprobe_args, ##args)

/* User-space functions use the same registers: uprobes are kprobes on user addresses. */
#define BPF_UPROBE(name, args...) BPF_KPROBE(name, ##args)
#define BPF_URETPROBE(name, args...) BPF_KRETPROBE(name, ##args)

#endif /* __BPF4J_BPF_TRACING_H */
