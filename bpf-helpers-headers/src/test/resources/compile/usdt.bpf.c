/* usdt.bpf.h against a real vmlinux.h: BPF_USDT, bpf_usdt_arg, bpf_usdt_arg_cnt, bpf_usdt_cookie. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/usdt.bpf.h>

long out[8];

SEC("usdt")
int BPF_USDT(three, int a, long b, char c)
{
	out[0] = a;
	out[1] = b;
	out[2] = c;
	out[3] = bpf_usdt_arg_cnt(ctx);
	out[4] = bpf_usdt_cookie(ctx);
	out[5] = bpf_usdt_arg_size(ctx, 1);
	return 0;
}
