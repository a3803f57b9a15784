// Test object for bpf-elf: extern symbols of each kind (.kconfig variables,
// a typed .ksyms variable and a kfunc), modelled but not resolved.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig __weak;
extern const struct rq runqueues __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("tp_btf/sched_switch")
int on_switch(u64 *ctx)
{
	struct rq *rq;

	if (!CONFIG_BPF_SYSCALL)
		return 0;
	rq = (struct rq *)bpf_per_cpu_ptr(&runqueues, 0);
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return rq && LINUX_KERNEL_VERSION > 0;
}
