/* A dozen helpers, maps, printk in both forms, endian conversions and tail calls. */
#include "minimal_types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

struct event { __u32 pid; __u32 cpu; __u64 ts; char comm[16]; };
struct holder { __u64 pad; struct event ev; };

/* The endian macros fold to constants: usable where C demands one. */
_Static_assert(bpf_htons(0x1234) == 0x3412, "bpf_htons");
_Static_assert(bpf_ntohl(0x11223344) == 0x44332211, "bpf_ntohl");
_Static_assert(bpf_cpu_to_be64(0x0102030405060708ULL) == 0x0807060504030201ULL, "bpf_cpu_to_be64");
_Static_assert(__bpf_constant_htons(0x0800) == 0x0008, "__bpf_constant_htons");
_Static_assert(offsetof(struct holder, ev) == 8, "offsetof");
_Static_assert(KERNEL_VERSION(6, 1, 300) == ((6 << 16) + (1 << 8) + 255), "KERNEL_VERSION");

const volatile __u32 target_pid = 0;
extern unsigned int LINUX_KERNEL_VERSION __kconfig;

static __noinline __u64 mix(__u64 x)
{
	barrier_var(x);
	return x * 31;
}

SEC("tp/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;                       /* 14 */
	__u64 one = 1, *v;
	struct event *e;
	struct holder h = {};
	char buf[16];

	if (target_pid && pid != target_pid)
		return 0;
	v = bpf_map_lookup_elem(&counts, &pid);                              /* 1 */
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &pid, &one, BPF_ANY);               /* 2 */
	bpf_map_delete_elem(&counts, &pid);                                  /* 3 */
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);                     /* 131 */
	if (!e)
		return 0;
	e->pid = pid;
	e->cpu = bpf_get_smp_processor_id();                                 /* 8 */
	e->ts = mix(bpf_ktime_get_ns()) ^ bpf_get_prandom_u32();             /* 5, 7 */
	bpf_get_current_comm(e->comm, sizeof(e->comm));                      /* 16 */
	if (container_of(&h.ev, struct holder, ev) != &h)
		e->ts = 0;
	bpf_ringbuf_submit(e, 0);                                            /* 132 */
	bpf_probe_read_kernel(buf, sizeof(buf), ctx);                        /* 113 */
	bpf_printk("pid %d on cpu %d", pid, bpf_get_smp_processor_id());     /* 6 */
	bpf_printk("%d %d %d %d", pid, 1, 2, 3);                             /* 177 */
	bpf_tail_call_static(ctx, &jumps, 1);                                /* 12 */
	return 0;
}

SEC("xdp")
int xdp_ipv6_drop(struct xdp_md *ctx)
{
	switch (bpf_ntohs((__u16)ctx->ingress_ifindex)) {
	case bpf_htons(0x86dd):
		return XDP_DROP;
	default:
		return XDP_PASS;
	}
}

char LICENSE[] SEC("license") = "GPL";
