/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpf4j: byte-order conversion for BPF programs (network headers are big-endian).
 *
 * Written for bpf4j with libbpf's names. Each conversion folds to a constant when its argument
 * is one, so it can be used in case labels and static initializers:
 *
 *     if (eth->h_proto != bpf_htons(ETH_P_IP))
 *         return XDP_PASS;
 *     __u32 saddr = bpf_ntohl(ip->saddr);
 *
 * bpf_htons/ntohs are 16-bit, bpf_htonl/ntohl 32-bit, bpf_cpu_to_be64/bpf_be64_to_cpu 64-bit;
 * the __bpf_constant_* forms are for contexts that require an integer constant expression.
 */
#ifndef __BPF4J_BPF_ENDIAN_H
#define __BPF4J_BPF_ENDIAN_H

/* Byte swaps spelled with shifts: valid in integer constant expressions, unlike a builtin call. */
#define ___bpf_swab16(x) ((__u16)((((__u16)(x) & (__u16)0x00ffU) << 8) | \
				  (((__u16)(x) & (__u16)0xff00U) >> 8)))
#define ___bpf_swab32(x) ((__u32)((((__u32)(x) & (__u32)0x000000ffUL) << 24) | \
				  (((__u32)(x) & (__u32)0x0000ff00UL) << 8) | \
				  (((__u32)(x) & (__u32)0x00ff0000UL) >> 8) | \
				  (((__u32)(x) & (__u32)0xff000000UL) >> 24)))
#define ___bpf_swab64(x) ((__u64)((((__u64)(x) & (__u64)0x00000000000000ffULL) << 56) | \
				  (((__u64)(x) & (__u64)0x000000000000ff00ULL) << 40) | \
				  (((__u64)(x) & (__u64)0x0000000000ff0000ULL) << 24) | \
				  (((__u64)(x) & (__u64)0x00000000ff000000ULL) << 8) | \
				  (((__u64)(x) & (__u64)0x000000ff00000000ULL) >> 8) | \
				  (((__u64)(x) & (__u64)0x0000ff0000000000ULL) >> 24) | \
				  (((__u64)(x) & (__u64)0x00ff000000000000ULL) >> 40) | \
				  (((__u64)(x) & (__u64)0xff00000000000000ULL) >> 56)))

/*
 * The BPF target is little-endian (bpfel, the default of -target bpf) or big-endian (bpfeb);
 * clang predefines __BYTE_ORDER__ for both.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Run-time forms: clang turns these into the BPF byte-swap instruction. */
# define __bpf_ntohs(x) __builtin_bswap16(x)
# define __bpf_htons(x) __builtin_bswap16(x)
# define __bpf_ntohl(x) __builtin_bswap32(x)
# define __bpf_htonl(x) __builtin_bswap32(x)
# define __bpf_be64_to_cpu(x) __builtin_bswap64(x)
# define __bpf_cpu_to_be64(x) __builtin_bswap64(x)
# define __bpf_constant_ntohs(x) ___bpf_swab16(x)
# define __bpf_constant_htons(x) ___bpf_swab16(x)
# define __bpf_constant_ntohl(x) ___bpf_swab32(x)
# define __bpf_constant_htonl(x) ___bpf_swab32(x)
# define __bpf_constant_be64_to_cpu(x) ___bpf_swab64(x)
# define __bpf_constant_cpu_to_be64(x) ___bpf_swab64(x)
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
# define __bpf_ntohs(x) ((__u16)(x))
# define __bpf_htons(x) ((__u16)(x))
# define __bpf_ntohl(x) ((__u32)(x))
# define __bpf_htonl(x) ((__u32)(x))
# define __bpf_be64_to_cpu(x) ((__u64)(x))
# define __bpf_cpu_to_be64(x) ((__u64)(x))
# define __bpf_constant_ntohs(x) ((__u16)(x))
# define __bpf_constant_htons(x) ((__u16)(x))
# define __bpf_constant_ntohl(x) ((__u32)(x))
# define __bpf_constant_htonl(x) ((__u32)(x))
# define __bpf_constant_be64_to_cpu(x) ((__u64)(x))
# define __bpf_constant_cpu_to_be64(x) ((__u64)(x))
#else
# error "bpf_endian.h: the compiler does not say the target's byte order (__BYTE_ORDER__)"
#endif

/* The shift form when the compiler sees a constant (it folds), the builtin otherwise. */
#define bpf_htons(x) (__builtin_constant_p(x) ? __bpf_constant_htons(x) : __bpf_htons(x))
#define bpf_ntohs(x) (__builtin_constant_p(x) ? __bpf_constant_ntohs(x) : __bpf_ntohs(x))
#define bpf_htonl(x) (__builtin_constant_p(x) ? __bpf_constant_htonl(x) : __bpf_htonl(x))
#define bpf_ntohl(x) (__builtin_constant_p(x) ? __bpf_constant_ntohl(x) : __bpf_ntohl(x))
#define bpf_cpu_to_be64(x) (__builtin_constant_p(x) ? __bpf_constant_cpu_to_be64(x) : __bpf_cpu_to_be64(x))
#define bpf_be64_to_cpu(x) (__builtin_constant_p(x) ? __bpf_constant_be64_to_cpu(x) : __bpf_be64_to_cpu(x))

#endif /* __BPF4J_BPF_ENDIAN_H */
