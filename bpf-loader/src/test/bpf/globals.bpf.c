// SPDX-License-Identifier: Apache-2.0
/* Global variables in every kind of data section, driven by BPF_PROG_TEST_RUN. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u64 step = 1;            /* .rodata: set from Java before load */
__u64 runs = 0;                           /* .bss: counted here, read from Java through the mmap */
__u64 total = 0;                          /* .bss */
__u64 bias = 1000;                        /* .data: initial value from the ELF, changed live from Java */
__u32 custom_hits SEC(".data.custom") = 7; /* a custom data section */

static __noinline __u64 add_step(__u64 value)
{
	return value + step;
}

SEC("raw_tp/bpf4j_test_run_only")
int count(void *ctx)
{
	runs++;
	total = add_step(total);
	custom_hits++;
	return (int)(bias + runs);
}
