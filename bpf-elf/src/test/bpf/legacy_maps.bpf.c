// Test object for bpf-elf: a map in the legacy 'maps' section (struct bpf_map_def),
// which bpf4j does not support yet and must refuse with a clear message.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct legacy_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct legacy_map_def old_counts SEC("maps") = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = 4,
	.value_size = 8,
	.max_entries = 1,
};

SEC("tp/syscalls/sys_enter_getpid")
int uses_legacy(void *ctx)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&old_counts, &key) != 0;
}
