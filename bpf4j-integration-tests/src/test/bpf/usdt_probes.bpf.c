// SPDX-License-Identifier: Apache-2.0
/*
 * UsdtTest: records the arguments of usdt_target's probes (src/test/c) read with usdt.bpf.h,
 * each probe into globals of its own: registers (with bpf_usdt_arg_cnt and bpf_usdt_cookie),
 * memory operands, constants, a semaphore-guarded probe, and a probe of libusdt_lib.so whose
 * operand is base + index * scale.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "GPL";

long reg_a, reg_b, reg_c, reg_cnt, reg_cookie, reg_missing, reg_hits;
long mem_value, mem_small, mem_hits;
long const_five, const_minus_seven, const_big, const_hits;
long guarded_value, guarded_hits;
long lib_value, lib_size, lib_hits;

SEC("usdt")
int BPF_USDT(on_registers, int a, long b)
{
	long c;

	reg_a = a;
	reg_b = b;
	/* The third argument through bpf_usdt_arg itself: -1@%dl, sign-extended to 64 bits. */
	bpf_usdt_arg(ctx, 2, &c);
	reg_c = c;
	reg_cnt = bpf_usdt_arg_cnt(ctx);
	reg_cookie = bpf_usdt_cookie(ctx);
	reg_missing = bpf_usdt_arg(ctx, 3, &c);
	__sync_fetch_and_add(&reg_hits, 1);
	return 0;
}

SEC("usdt")
int BPF_USDT(on_memory, long value, short small)
{
	mem_value = value;
	mem_small = small;
	__sync_fetch_and_add(&mem_hits, 1);
	return 0;
}

/* Auto-attached by attachAll: UsdtTest builds the traced program at this path. */
SEC("usdt//tmp/bpf4j-usdt/usdt_target:bpf4j:constants")
int BPF_USDT(on_constants, int five, int minus_seven, long big)
{
	const_five = five;
	const_minus_seven = minus_seven;
	const_big = big;
	__sync_fetch_and_add(&const_hits, 1);
	return 0;
}

SEC("usdt")
int BPF_USDT(on_guarded, long value)
{
	guarded_value = value;
	__sync_fetch_and_add(&guarded_hits, 1);
	return 0;
}

SEC("usdt")
int BPF_USDT(on_lib_element, long value)
{
	lib_value = value;
	lib_size = bpf_usdt_arg_size(ctx, 0);
	__sync_fetch_and_add(&lib_hits, 1);
	return 0;
}
