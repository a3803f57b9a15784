// Test object for bpf-elf: several programs per section, global and static
// subprograms in .text, a static function inside a program section, a
// bpf_loop callback, CO-RE reads inside a subprogram, a '?' program and a
// program array whose initial slot names a program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __noinline int bump(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &slot);

	if (!v)
		return 0;
	__sync_fetch_and_add(v, 1);
	return 1;
}

__noinline int global_helper(int x)
{
	return bump((__u32)x & 3) + x;
}

static __noinline int task_pid(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	int pid = 0;

	/* A CO-RE field access inside a subprogram: its record must move with the function. */
	bpf_probe_read_kernel(&pid, sizeof(pid), __builtin_preserve_access_index(&t->pid));
	return pid;
}

struct loop_ctx {
	int sum;
};

static int add_one(__u32 index, void *data)
{
	struct loop_ctx *c = data;

	c->sum += index;
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int first(void *ctx)
{
	return global_helper(1) + task_pid();
}

SEC("tp/syscalls/sys_enter_getpid")
int second(void *ctx)
{
	struct loop_ctx c = { 0 };

	bpf_loop(8, add_one, &c, 0);
	return c.sum + bump(2);
}

static __noinline int local_in_section(int v)
{
	return v * 3 + bump(1);
}

SEC("xdp")
int xdp_main(struct xdp_md *ctx)
{
	return local_in_section(ctx->ingress_ifindex) > 0 ? XDP_PASS : XDP_DROP;
}

SEC("?raw_tp/sys_enter")
int optional_prog(void *ctx)
{
	return bump(3);
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jump_table SEC(".maps") = {
	.values = { [1] = (void *)&optional_prog },
};
