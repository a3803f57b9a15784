// SPDX-License-Identifier: Apache-2.0
/* A program whose global function another object replaces (freplace). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int chosen_value(int input)
{
	return input + 1;
}

SEC("raw_tp/bpf4j_test_run_only")
int run_target(void *ctx)
{
	return chosen_value(1);
}
