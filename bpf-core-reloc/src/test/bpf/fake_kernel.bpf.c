// SPDX-License-Identifier: GPL-2.0
/*
 * Not a program: a small "kernel" whose BTF (this object's .BTF section) is the target of the
 * offline relocation tests. Its task_struct, sk_buff-less world and enum pid_type differ from
 * any real kernel's so that every relocated value must change. Global variables keep the types
 * in the BTF.
 */
typedef int pid_t;

struct task_struct {
	long pad0;
	unsigned int flags;
	pid_t tgid;
	struct {
		pid_t pid;
		char comm[8];
	};
	struct task_struct *real_parent;
	unsigned int sched_reset_on_fork: 1;
	unsigned int sched_contributes_to_load: 1;
	unsigned int sched_migrated: 1;
	int no_such_field_in_any_kernel;
};

enum pid_type {
	PIDTYPE_PID = 0,
	PIDTYPE_SID = 10,
};

/* Both are candidates for a local `struct bpf4j_amb`, with `y` at offsets 4 and 0. */
struct bpf4j_amb___a {
	int x;
	int y;
};

struct bpf4j_amb___b {
	int y;
};

struct task_struct fake_task;
enum pid_type fake_pid_type;
struct bpf4j_amb___a fake_a;
struct bpf4j_amb___b fake_b;
