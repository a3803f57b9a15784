/* Returns where CO-RE says task_struct.pid is: the running kernel's answer, or a given BTF's. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___local {
	int pid;
} __attribute__((preserve_access_index));

SEC("syscall")
int pid_offset(void *ctx)
{
	return bpf_core_field_offset(struct task_struct___local, pid);
}

char LICENSE[] SEC("license") = "GPL";
