// SPDX-License-Identifier: Apache-2.0
/* A program in a section no attach plugin owns: it loads once its type is set by hand. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("bpf4j_unknown/section")
int returns_two(void *ctx)
{
	return 2;
}
