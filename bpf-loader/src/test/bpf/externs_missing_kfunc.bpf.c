// SPDX-License-Identifier: Apache-2.0
/* A kfunc and a typed ksym no kernel has, neither __weak: the load fails naming the first. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf4j_no_such_kfunc(void) __ksym;

SEC("syscall")
int calls_missing(void *ctx)
{
	bpf4j_no_such_kfunc();
	return 0;
}
