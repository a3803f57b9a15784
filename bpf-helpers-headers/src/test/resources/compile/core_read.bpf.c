/* The CO-RE macros of bpf_core_read.h against small types marked for relocation, as vmlinux.h marks them. */
#include "minimal_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
struct inode { __u64 i_ino; __u32 i_flags; };
struct dentry { __u32 d_flags; struct inode *d_inode; };
struct path { void *mnt; struct dentry *dentry; };
struct file { __u32 f_mode; struct path f_path; };
struct mm { __u64 start; struct file *exe_file; };
struct task {
	int pid;
	unsigned int flags : 3, state : 5;
	int prio : 4;
	struct mm *mm;
	char comm[16];
	union { __u64 a; __u32 b; };
};
/* A const member, as vmlinux.h declares some (struct file's f_path on 6.x kernels). */
struct sealed { const struct path p; };
#pragma clang attribute pop

enum mode { MODE_A = 1, MODE_B = 7 };
typedef struct task task_t;

__u64 out[32];
char name[16];

SEC("raw_tp/x")
int chains(struct task *t)
{
	out[0] = BPF_CORE_READ(t, pid);
	out[1] = BPF_CORE_READ(t, mm, exe_file, f_path.dentry, d_inode, i_ino);
	BPF_CORE_READ_INTO(&out[2], t, mm, start);
	BPF_CORE_READ_STR_INTO(&name, t, comm);
	out[3] = BPF_CORE_READ_USER(t, mm, start);
	BPF_CORE_READ_USER_INTO(&out[4], t, pid);
	out[5] = BPF_PROBE_READ(t, mm, start);
	BPF_PROBE_READ_INTO(&out[6], t, pid);
	bpf_core_read(&out[7], sizeof(out[7]), &t->b);
	bpf_core_read_str(name, sizeof(name), &t->comm);
	bpf_core_read_user(&out[8], 8, &t->a);
	bpf_core_read_user_str(name, sizeof(name), &t->comm);
	return 0;
}

SEC("raw_tp/y")
int queries(struct task *t)
{
	out[10] = bpf_core_field_exists(t->pid);
	out[11] = bpf_core_field_exists(struct task, mm);
	out[12] = bpf_core_field_size(t->comm);
	out[13] = bpf_core_field_offset(struct task, comm);
	out[14] = bpf_core_type_exists(struct file);
	out[15] = bpf_core_type_matches(struct path);
	out[16] = bpf_core_type_size(task_t);
	out[17] = bpf_core_type_id_local(struct dentry);
	out[18] = bpf_core_type_id_kernel(struct inode);
	out[19] = bpf_core_enum_value_exists(enum mode, MODE_B);
	out[20] = bpf_core_enum_value(enum mode, MODE_B);
	out[21] = BPF_CORE_READ_BITFIELD_PROBED(t, state);
	out[22] = BPF_CORE_READ_BITFIELD(t, prio);
	return 0;
}

SEC("raw_tp/z")
int const_members(struct sealed *s)
{
	out[23] = (__u64)BPF_CORE_READ(s, p.dentry);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
