// SPDX-License-Identifier: Apache-2.0
/* Replaces chosen_value() of freplace_target.bpf.c. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("freplace/chosen_value")
int replaced_value(int input)
{
	return 42;
}
