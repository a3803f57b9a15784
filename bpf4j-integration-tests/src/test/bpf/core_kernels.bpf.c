// SPDX-License-Identifier: GPL-2.0
/*
 * CO-RE against kernels 5.10 to the newest, for CoreOnKernelsTest. Compiled once against this
 * build's vmlinux.h (the host's 6.18), loaded on each kernel, run with BPF_PROG_TEST_RUN in the
 * calling thread: the program reads the current task through CO-RE and records what each
 * relocation gave, in globals the test compares with /proc, the JVM's own ids and the running
 * kernel's BTF. What differs between the kernels, and why:
 *   task_struct.state (long) became __state (unsigned int) in 5.14: two ___flavor views,
 *   each guarded by bpf_core_field_exists, one of them is dead code on every kernel;
 *   BPF_MAP_TYPE_ARENA and struct bpf_arena exist from 6.9;
 *   task_struct's size and the offset of its pid member differ between all of them.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* Kernels before 5.14. */
struct task_struct___pre514 {
	volatile long state;
} __attribute__((preserve_access_index));

/* Kernels from 5.14. */
struct task_struct___v514 {
	unsigned int __state;
} __attribute__((preserve_access_index));

__u64 runs;
__u64 pid;
__u64 tgid;
__u64 parent_tgid;
__u64 has_new_state;
__u64 has_old_state;
__u64 state;
__u64 state_size;
__u64 new_state_matches;
__u64 arena_map_type_exists;
__u64 arena_map_type;
__u64 arena_struct_exists;
__u64 pid_offset;
__u64 task_size;
__u64 comm_size;
char comm[16];
char exe[32];

SEC("raw_tp/bpf4j_test_run_only")
int observe(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___v514 *t514 = (void *)t;
	struct task_struct___pre514 *told = (void *)t;
	struct dentry *dentry;
	const unsigned char *name;

	runs++;
	pid = BPF_CORE_READ(t, pid);
	tgid = BPF_CORE_READ(t, tgid);
	parent_tgid = BPF_CORE_READ(t, real_parent, tgid);
	BPF_CORE_READ_STR_INTO(&comm, t, comm);
	/* mm_struct keeps exe_file in an anonymous struct; d_name (in an anonymous union in newer
	 * kernels) is a struct qstr whose name is a pointer: read it, then the string it points to.
	 * Into variables of our own: newer kernels declare f_path and d_name const, and
	 * BPF_CORE_READ's result variable would be const too, which clang folds to its initial 0. */
	BPF_CORE_READ_INTO(&dentry, t, mm, exe_file, f_path.dentry);
	bpf_core_read(&name, sizeof(name), &dentry->d_name.name);
	bpf_probe_read_kernel_str(&exe, sizeof(exe), name);

	has_new_state = bpf_core_field_exists(t514->__state);
	has_old_state = bpf_core_field_exists(told->state);
	if (bpf_core_field_exists(t514->__state)) {
		state_size = bpf_core_field_size(t514->__state);
		state = BPF_CORE_READ(t514, __state);
	} else {
		state_size = bpf_core_field_size(told->state);
		state = BPF_CORE_READ(told, state);
	}
	new_state_matches = bpf_core_type_matches(struct task_struct___v514);

	arena_map_type_exists = bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_ARENA);
	if (bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_ARENA))
		arena_map_type = bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_ARENA);
	else
		arena_map_type = ~0ULL;
	arena_struct_exists = bpf_core_type_exists(struct bpf_arena);

	pid_offset = bpf_core_field_offset(struct task_struct, pid);
	task_size = bpf_core_type_size(struct task_struct);
	comm_size = bpf_core_field_size(t->comm);
	return 0;
}
