// SPDX-License-Identifier: GPL-2.0
/*
 * ModuleCandidatesTest: CO-RE relocations whose candidates live in kernel modules' split BTF.
 * bpf4j_mod_only exists only in a module; task_struct exists in vmlinux (the fake kernel) and in
 * a module, where vmlinux must win; bpf4j_two_mods exists in two modules with different layouts.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct bpf4j_mod_only {
	int a;
	int b;
} __attribute__((preserve_access_index));

struct task_struct___m {
	int pid;
} __attribute__((preserve_access_index));

struct bpf4j_two_mods {
	int b;
} __attribute__((preserve_access_index));

__u64 out[8];

SEC("xdp")
int mod_only(void *ctx)
{
	out[0] = bpf_core_field_offset(struct bpf4j_mod_only, b);
	out[1] = bpf_core_type_id_kernel(struct bpf4j_mod_only);
	out[2] = bpf_core_type_size(struct bpf4j_mod_only);
	out[3] = bpf_core_field_offset(struct task_struct___m, pid);
	return 0;
}

SEC("xdp")
int vmlinux_only(void *ctx)
{
	out[4] = bpf_core_field_offset(struct task_struct___m, pid);
	return 0;
}

SEC("xdp")
int two_modules(void *ctx)
{
	out[5] = bpf_core_field_offset(struct bpf4j_two_mods, b);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
