/* A syscall program: run from user space with BPF_PROG_TEST_RUN, its context being our bytes. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct args {
	__u64 a;
	__u64 b;
};

__u64 sum;

SEC("syscall")
int add(struct args *ctx)
{
	sum = ctx->a + ctx->b;
	return (int)(ctx->a * 2);
}

char LICENSE[] SEC("license") = "GPL";
