// SPDX-License-Identifier: Apache-2.0
/* One program attachAll can attach (its section names a tracepoint) and one it
 * cannot (a bare uprobe section names no binary or function). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_getppid")
int auto_attached(void *ctx)
{
	return 0;
}

SEC("uprobe")
int needs_options(void *ctx)
{
	return 0;
}
