// SPDX-License-Identifier: Apache-2.0
/* A struct_ops map whose struct no kernel has, for the loader's error path. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/unknown_run")
int BPF_PROG(unknown_run)
{
	return 0;
}

struct bpf4j_no_such_ops {
	int (*run)(void);
	char name[16];
};

SEC(".struct_ops")
struct bpf4j_no_such_ops unknown_ops = {
	.run = (void *)unknown_run,
	.name = "bpf4j_unknown",
};
