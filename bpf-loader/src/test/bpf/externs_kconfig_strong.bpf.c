// SPDX-License-Identifier: Apache-2.0
/* A __kconfig extern that is not __weak and that no kernel configuration has: the load fails. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int CONFIG_BPF4J_NOT_A_REAL_OPTION __kconfig;

__s64 seen = -1;

SEC("raw_tp/bpf4j_test_run_only")
int needs_missing_option(void *ctx)
{
	seen = CONFIG_BPF4J_NOT_A_REAL_OPTION;
	return 0;
}
