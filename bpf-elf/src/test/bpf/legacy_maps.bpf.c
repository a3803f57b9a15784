// Test object for bpf-elf: maps in the legacy 'maps' section, in both layouts bpf4j reads as
// cilium/ebpf does: libbpf's old struct bpf_map_def (20 bytes) would need every map of the
// section to share one size, so this object uses iproute2's struct bpf_elf_map (36 bytes) for
// one map and pads the other to the same size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct bpf_elf_map {
	unsigned int type;
	unsigned int size_key;
	unsigned int size_value;
	unsigned int max_elem;
	unsigned int flags;
	unsigned int id;
	unsigned int pinning;
	unsigned int inner_id;
	unsigned int inner_idx;
};

struct bpf_elf_map old_counts SEC("maps") = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = 4,
	.size_value = 8,
	.max_elem = 1,
};

struct bpf_elf_map pinned_hash SEC("maps") = {
	.type = BPF_MAP_TYPE_HASH,
	.size_key = 8,
	.size_value = 16,
	.max_elem = 128,
	.flags = 1, /* BPF_F_NO_PREALLOC */
	.id = 7,
	.pinning = 2, /* iproute2's PIN_GLOBAL_NS */
	.inner_id = 3,
	.inner_idx = 4,
};

SEC("tp/syscalls/sys_enter_getpid")
int uses_legacy(void *ctx)
{
	__u32 key = 0;
	__u64 hkey = 1;

	return bpf_map_lookup_elem(&old_counts, &key) != 0 && bpf_map_lookup_elem(&pinned_hash, &hkey) != 0;
}
