/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf4j: the core header of a BPF program written in C.
 *
 * Written for bpf4j with the macro names libbpf established, so a program written for
 * libbpf compiles unchanged. Include it after the type definitions ("vmlinux.h", or
 * <linux/types.h> plus the UAPI headers you need):
 *
 *     #include "vmlinux.h"
 *     #include <bpf/bpf_helpers.h>
 *
 *     struct {
 *         __uint(type, BPF_MAP_TYPE_HASH);
 *         __uint(max_entries, 1024);
 *         __type(key, __u32);
 *         __type(value, __u64);
 *         __uint(pinning, LIBBPF_PIN_BY_NAME);   // optional: pin under bpffs by the map's name
 *     } counts SEC(".maps");
 *
 *     SEC("tp/sched/sched_process_exec")
 *     int on_exec(void *ctx)
 *     {
 *         bpf_printk("exec by %d", bpf_get_current_pid_tgid() >> 32);
 *         return 0;
 *     }
 *
 *     char LICENSE[] SEC("license") = "GPL";     // GPL-only helpers need a GPL-compatible license
 */
#ifndef __BPF4J_BPF_HELPERS_H
#define __BPF4J_BPF_HELPERS_H

/* Every helper as a constant function pointer, generated from the UAPI linux/bpf.h. */
#include "bpf_helper_defs.h"

/* ---- Argument counting, shared by bpf_printk here and the BPF_PROG family in bpf_tracing.h. ---- */

/* Picks the 25th argument: with the count list appended, that is the number of arguments. */
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, N, ...) N
#define ___bpf_narg(...) ___bpf_nth(_, ##__VA_ARGS__, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define ___bpf_concat(a, b) a ## b
/* ___bpf_apply(foo, 3) is foo3: dispatch on an argument count. */
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)

/* ---- Sections and BTF-defined maps. ---- */

/*
 * Places a function or variable in ELF section NAME; the loader derives a program's type and
 * attach point from its section. The attribute is meaningless on some declarations clang still
 * accepts it on, hence the silenced -Wignored-attributes.
 */
#define SEC(name) \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wignored-attributes\"") \
	__attribute__((section(name), used)) \
	_Pragma("GCC diagnostic pop")

#ifndef __section
#define __section(name) __attribute__((section(name)))
#endif

/*
 * BTF-defined map attributes: the loader reads them from the BTF of the map variable's type,
 * so each encodes its value in a type. An integer becomes the length of an array pointed to,
 * a type becomes the pointee of a pointer.
 */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
/* A 64-bit attribute (map_extra): an enumerator holds the full value. */
#define __ulong(name, val) enum { ___bpf_concat(__bpf4j_ulong_, __COUNTER__) = (val) } name

/* Values of __uint(pinning, ...) (libbpf's enum libbpf_pin_type). */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE = 0,
	/* Pin at <pin root>/<map name>, reusing an existing pinned map when compatible. */
	LIBBPF_PIN_BY_NAME = 1,
};

/* Values of a `extern enum libbpf_tristate CONFIG_FOO __kconfig;` variable. */
enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- Attributes. ---- */

#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#ifndef __hidden
#define __hidden __attribute__((visibility("hidden")))
#endif

/* extern variables resolved by the loader: kernel config values and kernel symbols (kfuncs, ksyms). */
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))

/* Kernel pointers stored in map values, recognized by the verifier through BTF type tags. */
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))

/* Argument annotations for global (non-inlined) functions, read by the verifier from BTF decl tags. */
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))
#define __arg_nullable __attribute__((btf_decl_tag("arg:nullable")))
#define __arg_trusted __attribute__((btf_decl_tag("arg:trusted")))
#define __arg_arena __attribute__((btf_decl_tag("arg:arena")))

/* ---- Small C utilities BPF programs keep needing. ---- */

/* vmlinux.h declares no NULL and BPF programs include no libc header. */
#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#ifndef container_of
/* The struct of type TYPE whose MEMBER is at PTR. */
#define container_of(ptr, type, member) \
	({ \
		void *__bpf4j_member = (void *)(ptr); \
		((type *)(__bpf4j_member - offsetof(type, member))); \
	})
#endif

#ifndef barrier
/* A compiler barrier: memory is neither cached in registers nor reordered across it. */
#define barrier() asm volatile("" ::: "memory")
#endif

/*
 * Makes VAR opaque to the optimizer, so clang cannot fold or reorder range checks on it in ways
 * the verifier cannot follow.
 */
#define barrier_var(var) asm volatile("" : "+r"(var))

/* Marks code the program never reaches; clang's BPF backend accepts __builtin_trap there. */
#define __bpf_unreachable() __builtin_trap()

/* Encodes a kernel version as LINUX_VERSION_CODE does (sublevel saturates at 255). */
#ifndef KERNEL_VERSION
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#endif

/*
 * Tail call with a constant slot. Writing the call in assembly keeps the map pointer and the slot
 * in r2/r3 as constants, which lets the verifier keep the call direct (poke descriptor) instead of
 * going through the generic tail-call path.
 */
static __always_inline void
bpf_tail_call_static(void *ctx, const void *map, const __u32 slot)
{
	if (!__builtin_constant_p(slot))
		__bpf_unreachable();
	asm volatile("r1 = %[ctx]\n\t"
		     "r2 = %[map]\n\t"
		     "r3 = %[slot]\n\t"
		     "call 12"
		     :: [ctx] "r"(ctx), [map] "r"(map), [slot] "i"(slot)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}

/* True when the __weak __ksym SYM was found in the running kernel. */
#define bpf_ksym_exists(sym) \
	({ \
		_Static_assert(!__builtin_constant_p(!!(sym)), #sym " must be declared __weak"); \
		!!(sym); \
	})

/* ---- Formatted output. ---- */

/*
 * Stores up to 12 values in the u64 array ARR from index P on, converting each (pointers and
 * integers alike) to unsigned long long, as bpf_trace_vprintk / bpf_snprintf / bpf_seq_printf take them.
 */
#define ___bpf4j_fill0(arr, p, x...)
#define ___bpf4j_fill1(arr, p, x) arr[p] = (unsigned long long)(x)
#define ___bpf4j_fill2(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill1(arr, p + 1, args)
#define ___bpf4j_fill3(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill2(arr, p + 1, args)
#define ___bpf4j_fill4(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill3(arr, p + 1, args)
#define ___bpf4j_fill5(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill4(arr, p + 1, args)
#define ___bpf4j_fill6(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill5(arr, p + 1, args)
#define ___bpf4j_fill7(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill6(arr, p + 1, args)
#define ___bpf4j_fill8(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill7(arr, p + 1, args)
#define ___bpf4j_fill9(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill8(arr, p + 1, args)
#define ___bpf4j_fill10(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill9(arr, p + 1, args)
#define ___bpf4j_fill11(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill10(arr, p + 1, args)
#define ___bpf4j_fill12(arr, p, x, args...) arr[p] = (unsigned long long)(x); ___bpf4j_fill11(arr, p + 1, args)
#define ___bpf_fill(arr, args...) \
	_Pragma("GCC diagnostic push") \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"") \
	___bpf_apply(___bpf4j_fill, ___bpf_narg(args))(arr, 0, args); \
	_Pragma("GCC diagnostic pop")

/*
 * The format string lives in .rodata (static const): kernels since 5.2 accept read-only global
 * data, and a format on the stack would cost one store per 8 bytes.
 */
#define ___bpf4j_printk_classic(fmt, args...) \
	({ \
		static const char ___fmt[] = fmt; \
		bpf_trace_printk(___fmt, sizeof(___fmt), ##args); \
	})

/* More than 3 arguments: bpf_trace_vprintk (kernel 5.16) takes them as an array. */
#define ___bpf4j_printk_array(fmt, args...) \
	({ \
		static const char ___fmt[] = fmt; \
		unsigned long long ___param[___bpf_narg(args)]; \
		___bpf_fill(___param, args); \
		bpf_trace_vprintk(___fmt, sizeof(___fmt), ___param, sizeof(___param)); \
	})

/* The macro to use for a given argument count: up to 3 fit bpf_trace_printk's registers. */
#define ___bpf4j_printk_pick(args...) \
	___bpf_nth(_, ##args, \
		___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, \
		___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, \
		___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, \
		___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, \
		___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, ___bpf4j_printk_array, \
		___bpf4j_printk_array, ___bpf4j_printk_classic, ___bpf4j_printk_classic, ___bpf4j_printk_classic, \
		___bpf4j_printk_classic)

/*
 * printf-style output to /sys/kernel/tracing/trace_pipe (debugging only: the kernel logs a
 * warning banner when a program using it loads).
 */
#define bpf_printk(fmt, args...) ___bpf4j_printk_pick(args)(fmt, ##args)

/* bpf_snprintf into OUT (OUT_SIZE bytes) with the values as an array; returns the helper's result. */
#define BPF_SNPRINTF(out, out_size, fmt, args...) \
	({ \
		static const char ___fmt[] = fmt; \
		unsigned long long ___param[___bpf_narg(args)]; \
		___bpf_fill(___param, args); \
		bpf_snprintf(out, out_size, ___fmt, ___param, sizeof(___param)); \
	})

/* bpf_seq_printf for iterator programs: SEQ is the seq_file from the iterator context. */
#define BPF_SEQ_PRINTF(seq, fmt, args...) \
	({ \
		static const char ___fmt[] = fmt; \
		unsigned long long ___param[___bpf_narg(args)]; \
		___bpf_fill(___param, args); \
		bpf_seq_printf(seq, ___fmt, sizeof(___fmt), ___param, sizeof(___param)); \
	})

#endif /* __BPF4J_BPF_HELPERS_H */
