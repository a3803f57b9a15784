/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf4j: CO-RE ("compile once, run everywhere") reads and queries for BPF programs.
 *
 * Written for bpf4j with the macro names libbpf established, so a program written for libbpf
 * compiles unchanged. Every macro here makes clang record a CO-RE relocation in .BTF.ext
 * (the __builtin_preserve_* builtins of clang's BPF target); the loader rewrites the recorded
 * instruction for the kernel the program runs on (bpf4j: io.bpf4j.core.CoreRelocator).
 *
 *     #include "vmlinux.h"
 *     #include <bpf/bpf_helpers.h>
 *     #include <bpf/bpf_core_read.h>
 *
 *     pid_t ppid = BPF_CORE_READ(task, real_parent, tgid);       // task->real_parent->tgid
 *     if (bpf_core_field_exists(struct task_struct, loginuid))     // 0 on kernels without it
 *         ...
 *     int v = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID);
 *
 * The values of the second argument of the builtins are clang's and the kernel's
 * (enum bpf_core_relo_kind, include/uapi/linux/bpf.h, groups the same numbers by builtin).
 */
#ifndef __BPF4J_BPF_CORE_READ_H
#define __BPF4J_BPF_CORE_READ_H

#include "bpf_helpers.h"

/* ---- Kinds understood by the clang builtins (llvm/lib/Target/BPF/BPFCORE.h). ---- */

/* Second argument of __builtin_preserve_field_info. */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,	/* offset of the field's storage, in bytes */
	BPF_FIELD_BYTE_SIZE = 1,	/* size of the field's storage, in bytes */
	BPF_FIELD_EXISTS = 2,		/* 1 if the field exists in the target */
	BPF_FIELD_SIGNED = 3,		/* 1 if the field is a signed integer */
	BPF_FIELD_LSHIFT_U64 = 4,	/* bitfield: left shift of the storage loaded into a u64 */
	BPF_FIELD_RSHIFT_U64 = 5,	/* bitfield: right shift after the left shift */
};

/* Second argument of __builtin_btf_type_id. */
enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,		/* id in the program's own BTF */
	BPF_TYPE_ID_TARGET = 1,		/* id in the target (kernel) BTF, 0 if absent */
};

/* Second argument of __builtin_preserve_type_info. */
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,		/* 1 if a compatible type exists in the target */
	BPF_TYPE_SIZE = 1,		/* its size in the target */
	BPF_TYPE_MATCHES = 2,		/* 1 if the target type matches field by field (stricter) */
};

/* Second argument of __builtin_preserve_enum_value. */
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,		/* 1 if the enumerator exists in the target enum */
	BPF_ENUMVAL_VALUE = 1,		/* its value in the target */
};

/* ---- Field queries. ---- */

/*
 * The field of bpf_core_field_*(...): either an expression naming it (p->a.b, s.arr[2]) or a
 * type and a member path (struct task_struct, pid), which needs no variable of the type.
 */
#define ___bpf4j_field_ref1(field) (field)
#define ___bpf4j_field_ref2(type, field) (((typeof(type) *)0)->field)
#define ___bpf4j_field_ref(args...) ___bpf_apply(___bpf4j_field_ref, ___bpf_narg(args))(args)

/* 1 if the field exists in the target kernel's type, else 0. */
#define bpf_core_field_exists(field...) \
	__builtin_preserve_field_info(___bpf4j_field_ref(field), BPF_FIELD_EXISTS)

/* The field's size in bytes in the target (of its storage unit, for a bitfield). */
#define bpf_core_field_size(field...) \
	__builtin_preserve_field_info(___bpf4j_field_ref(field), BPF_FIELD_BYTE_SIZE)

/* The field's offset in bytes in the target (of its storage unit, for a bitfield). */
#define bpf_core_field_offset(field...) \
	__builtin_preserve_field_info(___bpf4j_field_ref(field), BPF_FIELD_BYTE_OFFSET)

/* ---- Type queries. TYPE is a type name or an expression whose type is meant. ---- */

/* The id of TYPE in the program's own BTF. */
#define bpf_core_type_id_local(type) \
	__builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_LOCAL)

/* The id of TYPE in the target kernel's BTF, 0 if it has no such type. */
#define bpf_core_type_id_kernel(type) \
	__builtin_btf_type_id(*(typeof(type) *)0, BPF_TYPE_ID_TARGET)

/* 1 if the target has a type of the same name and a compatible kind and shape. */
#define bpf_core_type_exists(type) \
	__builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_EXISTS)

/* 1 if the target's type matches TYPE in every member the program declares (libbpf 1.0+ and kernel rules for "matches"). */
#define bpf_core_type_matches(type) \
	__builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_MATCHES)

/* The size in bytes of TYPE in the target, 0 if absent. */
#define bpf_core_type_size(type) \
	__builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_SIZE)

/* ---- Enumerator queries. ENUM_TYPE is `enum foo` (or a typedef of it), ENUM_VALUE one of its enumerators. ---- */

/* 1 if the target's enum has the enumerator. */
#define bpf_core_enum_value_exists(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_EXISTS)

/* The enumerator's value in the target. */
#define bpf_core_enum_value(enum_type, enum_value) \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_VALUE)

/* ---- Bitfields. ---- */

/*
 * Reads the bitfield S->FIELD with bpf_probe_read_kernel (S need not be a pointer the verifier
 * trusts): the storage unit is read into the low end of a u64, shifted left to drop the bits
 * above the field, then shifted right (sign-extending when the field is signed).
 */
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) \
	({ \
		unsigned long long ___bpf4j_val = 0; \
		unsigned int ___bpf4j_size = __builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_SIZE); \
		___bpf4j_bitfield_load_probed(&___bpf4j_val, ___bpf4j_size, \
			(const void *)(s) + __builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_OFFSET)); \
		___bpf4j_bitfield_extract(s, field, ___bpf4j_val); \
	})

/* Little-endian: the storage's bytes go to the u64's low end; big-endian: to its high end's tail. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ___bpf4j_bitfield_load_probed(val, size, src) bpf_probe_read_kernel((void *)(val), size, src)
#else
#define ___bpf4j_bitfield_load_probed(val, size, src) \
	bpf_probe_read_kernel((void *)(val) + 8 - (size), size, src)
#endif

#define ___bpf4j_bitfield_extract(s, field, val) \
	({ \
		unsigned long long ___bpf4j_x = (val) << __builtin_preserve_field_info((s)->field, BPF_FIELD_LSHIFT_U64); \
		if (__builtin_preserve_field_info((s)->field, BPF_FIELD_SIGNED)) \
			___bpf4j_x = (long long)___bpf4j_x >> __builtin_preserve_field_info((s)->field, BPF_FIELD_RSHIFT_U64); \
		else \
			___bpf4j_x = ___bpf4j_x >> __builtin_preserve_field_info((s)->field, BPF_FIELD_RSHIFT_U64); \
		___bpf4j_x; \
	})

/*
 * Reads the bitfield S->FIELD with a direct load, for pointers the verifier lets the program
 * dereference (tp_btf and fentry arguments, the context). The load's width follows the
 * relocated storage size.
 */
#define BPF_CORE_READ_BITFIELD(s, field) \
	({ \
		const void *___bpf4j_at = (const void *)(s) + __builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_OFFSET); \
		unsigned long long ___bpf4j_val; \
		switch (__builtin_preserve_field_info((s)->field, BPF_FIELD_BYTE_SIZE)) { \
		case 1: ___bpf4j_val = *(const unsigned char *)___bpf4j_at; break; \
		case 2: ___bpf4j_val = *(const unsigned short *)___bpf4j_at; break; \
		case 4: ___bpf4j_val = *(const unsigned int *)___bpf4j_at; break; \
		case 8: ___bpf4j_val = *(const unsigned long long *)___bpf4j_at; break; \
		default: ___bpf4j_val = 0; break; \
		} \
		___bpf4j_bitfield_extract(s, field, ___bpf4j_val); \
	})

/* ---- Single reads whose source address is relocated. ---- */

/* bpf_probe_read_kernel of SZ bytes at SRC into DST, SRC's field offsets relocated. */
#define bpf_core_read(dst, sz, src) \
	bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* The same from user memory (bpf_probe_read_user). */
#define bpf_core_read_user(dst, sz, src) \
	bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* A NUL-terminated string of at most SZ bytes (bpf_probe_read_kernel_str); returns its length with the NUL. */
#define bpf_core_read_str(dst, sz, src) \
	bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* The same from user memory (bpf_probe_read_user_str). */
#define bpf_core_read_user_str(dst, sz, src) \
	bpf_probe_read_user_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/* Reads without relocation: what the BPF_PROBE_READ family uses. */
#define ___bpf4j_probe_read(dst, sz, src) bpf_probe_read_kernel(dst, sz, (const void *)(src))
#define ___bpf4j_probe_read_user(dst, sz, src) bpf_probe_read_user(dst, sz, (const void *)(src))
#define ___bpf4j_probe_read_str(dst, sz, src) bpf_probe_read_kernel_str(dst, sz, (const void *)(src))
#define ___bpf4j_probe_read_user_str(dst, sz, src) bpf_probe_read_user_str(dst, sz, (const void *)(src))

/* ---- Pointer chains: SRC, A, B, C reads SRC->A->B->C, one probe read per arrow. ---- */

/*
 * The chain's expression, never evaluated (only under typeof): each name may itself be a path
 * without arrows (f_path.dentry, regs[3]).
 */
#define ___bpf4j_arrow1(a0) a0
#define ___bpf4j_arrow2(a0, a1) a0->a1
#define ___bpf4j_arrow3(a0, a1, a2) a0->a1->a2
#define ___bpf4j_arrow4(a0, a1, a2, a3) a0->a1->a2->a3
#define ___bpf4j_arrow5(a0, a1, a2, a3, a4) a0->a1->a2->a3->a4
#define ___bpf4j_arrow6(a0, a1, a2, a3, a4, a5) a0->a1->a2->a3->a4->a5
#define ___bpf4j_arrow7(a0, a1, a2, a3, a4, a5, a6) a0->a1->a2->a3->a4->a5->a6
#define ___bpf4j_arrow8(a0, a1, a2, a3, a4, a5, a6, a7) a0->a1->a2->a3->a4->a5->a6->a7
#define ___bpf4j_arrow9(a0, a1, a2, a3, a4, a5, a6, a7, a8) a0->a1->a2->a3->a4->a5->a6->a7->a8
#define ___bpf4j_arrow10(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) a0->a1->a2->a3->a4->a5->a6->a7->a8->a9
#define ___bpf4j_arrow(args...) ___bpf_apply(___bpf4j_arrow, ___bpf_narg(args))(args)

/*
 * The type of SRC->A->...: what BPF_CORE_READ returns, without qualifiers: a member of a const
 * struct (this kernel's `const struct path f_path`) is const, and a const result variable
 * would be folded to its initial 0 by the compiler although the read fills it.
 */
#define ___bpf4j_chain_type(src, a, rest...) __typeof_unqual__(___bpf4j_arrow((src), a, ##rest))

/*
 * The walk keeps the current pointer in ___bpf4j_p (a const void *): each hop reads the next
 * pointer through the previous one, cast back to its real type so that the access keeps its
 * BTF type and is relocated; the last read (LAST) copies into DST.
 */
#define ___bpf4j_hop(hop, expr, a) hop((void *)&___bpf4j_p, sizeof(___bpf4j_p), &((typeof(expr))(___bpf4j_p))->a);
#define ___bpf4j_into1(hop, last, dst, expr, a) last((void *)(dst), sizeof(*(dst)), &((typeof(expr))(___bpf4j_p))->a)
#define ___bpf4j_into2(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into1(hop, last, dst, expr->a, rest)
#define ___bpf4j_into3(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into2(hop, last, dst, expr->a, rest)
#define ___bpf4j_into4(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into3(hop, last, dst, expr->a, rest)
#define ___bpf4j_into5(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into4(hop, last, dst, expr->a, rest)
#define ___bpf4j_into6(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into5(hop, last, dst, expr->a, rest)
#define ___bpf4j_into7(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into6(hop, last, dst, expr->a, rest)
#define ___bpf4j_into8(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into7(hop, last, dst, expr->a, rest)
#define ___bpf4j_into9(hop, last, dst, expr, a, rest...) ___bpf4j_hop(hop, expr, a) ___bpf4j_into8(hop, last, dst, expr->a, rest)

/* The statement expression's value is the last read's return value (0 or a negative error). */
#define ___bpf4j_read_into(hop, last, dst, src, a, rest...) \
	({ \
		const void *___bpf4j_p = (const void *)(src); \
		___bpf_apply(___bpf4j_into, ___bpf_narg(a, ##rest))(hop, last, dst, (src), a, ##rest); \
	})

/* Reads into sized storage DST (a pointer to it) the value of SRC->A->...: up to 9 names. */
#define BPF_CORE_READ_INTO(dst, src, a, ...) \
	___bpf4j_read_into(bpf_core_read, bpf_core_read, dst, src, a, ##__VA_ARGS__)

/* The same, the last read a string read into the char array DST (at most sizeof(*(dst)) bytes). */
#define BPF_CORE_READ_STR_INTO(dst, src, a, ...) \
	___bpf4j_read_into(bpf_core_read, bpf_core_read_str, dst, src, a, ##__VA_ARGS__)

/* BPF_CORE_READ_INTO over user memory. */
#define BPF_CORE_READ_USER_INTO(dst, src, a, ...) \
	___bpf4j_read_into(bpf_core_read_user, bpf_core_read_user, dst, src, a, ##__VA_ARGS__)

/* BPF_CORE_READ_STR_INTO over user memory. */
#define BPF_CORE_READ_USER_STR_INTO(dst, src, a, ...) \
	___bpf4j_read_into(bpf_core_read_user, bpf_core_read_user_str, dst, src, a, ##__VA_ARGS__)

/* Without relocation: for types the kernel never changes, or that carry no BTF. */
#define BPF_PROBE_READ_INTO(dst, src, a, ...) \
	___bpf4j_read_into(___bpf4j_probe_read, ___bpf4j_probe_read, dst, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ_STR_INTO(dst, src, a, ...) \
	___bpf4j_read_into(___bpf4j_probe_read, ___bpf4j_probe_read_str, dst, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER_INTO(dst, src, a, ...) \
	___bpf4j_read_into(___bpf4j_probe_read_user, ___bpf4j_probe_read_user, dst, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER_STR_INTO(dst, src, a, ...) \
	___bpf4j_read_into(___bpf4j_probe_read_user, ___bpf4j_probe_read_user_str, dst, src, a, ##__VA_ARGS__)

/*
 * The value of SRC->A->B->... (up to 9 names), each arrow a relocated bpf_probe_read_kernel.
 * A failed read leaves the result 0.
 */
#define BPF_CORE_READ(src, a, ...) \
	({ \
		___bpf4j_chain_type(src, a, ##__VA_ARGS__) ___bpf4j_r = {}; \
		BPF_CORE_READ_INTO(&___bpf4j_r, (src), a, ##__VA_ARGS__); \
		___bpf4j_r; \
	})

/* BPF_CORE_READ over user memory. */
#define BPF_CORE_READ_USER(src, a, ...) \
	({ \
		___bpf4j_chain_type(src, a, ##__VA_ARGS__) ___bpf4j_r = {}; \
		BPF_CORE_READ_USER_INTO(&___bpf4j_r, (src), a, ##__VA_ARGS__); \
		___bpf4j_r; \
	})

/* BPF_CORE_READ without relocation. */
#define BPF_PROBE_READ(src, a, ...) \
	({ \
		___bpf4j_chain_type(src, a, ##__VA_ARGS__) ___bpf4j_r = {}; \
		BPF_PROBE_READ_INTO(&___bpf4j_r, (src), a, ##__VA_ARGS__); \
		___bpf4j_r; \
	})

/* BPF_CORE_READ_USER without relocation. */
#define BPF_PROBE_READ_USER(src, a, ...) \
	({ \
		___bpf4j_chain_type(src, a, ##__VA_ARGS__) ___bpf4j_r = {}; \
		BPF_PROBE_READ_USER_INTO(&___bpf4j_r, (src), a, ##__VA_ARGS__); \
		___bpf4j_r; \
	})

#endif /* __BPF4J_BPF_CORE_READ_H */
