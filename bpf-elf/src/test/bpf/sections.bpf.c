// Test object for bpf-elf: section names and function roles. A '?' section (not auto-loaded),
// sleepable '.s' variants, a .multi section, two programs in one section, a weak program, a
// static subprogram inside a program section, static and global subprograms in .text,
// custom data sections, and externs of every kind (typed, untyped and weak ksyms, kconfig,
// a kfunc).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
__u32 VERSION SEC("version") = 0x060c00;

int custom_data SEC(".data.custom") = 3;
const volatile int custom_ro SEC(".rodata.custom") = 4;
int custom_bss SEC(".bss.custom");

extern int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig __weak;
extern const struct rq runqueues __ksym;
extern const void bpf_prog_active __ksym;
extern const int not_there __ksym __weak;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

static __noinline int local_helper(int x)
{
	return x * 3 + custom_data;
}

__noinline int global_helper(int x)
{
	return x + custom_ro + local_helper(x);
}

SEC("?tp/syscalls/sys_enter_getpid")
int optional_prog(void *ctx)
{
	return global_helper(1) + custom_bss;
}

SEC("fentry.s/do_unlinkat")
int sleepable_prog(void *ctx)
{
	return LINUX_KERNEL_VERSION > 0 && CONFIG_HZ > 0;
}

SEC("kprobe.multi/vfs_*")
int multi_prog(void *ctx)
{
	/* The low bit of an address is unknown to the compiler, so the ld_imm64 stays. */
	return ((long)&bpf_prog_active & 1) + (&not_there != 0);
}

static __noinline int in_section_helper(void *ctx)
{
	return ctx != 0;
}

SEC("tp_btf/sched_switch")
int first_in_section(void *ctx)
{
	struct rq *rq = (struct rq *)bpf_per_cpu_ptr(&runqueues, 0);

	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return rq != 0 && in_section_helper(ctx);
}

SEC("tp_btf/sched_switch")
int second_in_section(void *ctx)
{
	return in_section_helper(ctx) + 1;
}

__weak SEC("xdp.frags")
int weak_prog(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("my_custom_section")
int unknown_section_prog(void *ctx)
{
	return 0;
}
