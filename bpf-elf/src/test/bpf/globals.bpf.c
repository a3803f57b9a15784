// Test object for bpf-elf: BTF-defined maps of several types including a
// map-in-map with initial values, and global data in .rodata, .data, .bss,
// a custom .data.foo section and string literals in .rodata.str1.1.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
__u32 VERSION SEC("version") = 0x060c00;

struct event {
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct event);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 8);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} stats SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, int);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a, [2] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 16);
	__uint(value_size, 4);
	__uint(map_extra, 3);
} bloom SEC(".maps");

const volatile __u32 target_pid = 0;
const volatile __u64 threshold = 42;
__u64 hits = 7;
int counter_bss;
static __u64 static_bss;
__u32 foo_value SEC(".data.foo") = 0xabcdef;
char foo_name[8] SEC(".data.foo") = "foo";

SEC("tracepoint/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct event *e;
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	const char *msg = "exec seen";
	char buf[16];

	if (target_pid && pid != target_pid)
		return 0;
	hits++;
	counter_bss++;
	static_bss += threshold;
	foo_value++;
	bpf_probe_read_kernel_str(buf, sizeof(buf), msg);
	bpf_printk("pid %d %s", pid, foo_name);
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	bpf_map_update_elem(&events, &pid, e, BPF_ANY);
	{
		__u32 k = 0;
		void *m = bpf_map_lookup_elem(&outer, &k);
		if (m)
			bpf_map_lookup_elem(m, &k);
		bpf_map_lookup_elem(&stats, &k);
	}
	return 0;
}
