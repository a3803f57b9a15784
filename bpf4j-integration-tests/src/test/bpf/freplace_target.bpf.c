// SPDX-License-Identifier: Apache-2.0
/*
 * A program whose global function another object replaces (freplace). A tc program: an
 * extension inherits its target's return-value check, and kernels up to 6.1 hold a raw_tp's
 * global functions to returning 0, which would refuse freplace_ext's 42.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int chosen_value(int input)
{
	return input + 1;
}

SEC("tc")
int run_target(struct __sk_buff *skb)
{
	return chosen_value(1);
}
