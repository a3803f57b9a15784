// SPDX-License-Identifier: Apache-2.0
/*
 * KernelModulesTest: CO-RE relocations against types that only a kernel module's BTF has.
 * struct p9_client and enum p9_trans_status belong to 9pnet, which the test VMs load for their
 * 9p root; vmlinux has neither, so the loader must find them in /sys/kernel/btf/9pnet. The
 * program writes what the relocations resolved to into .bss for the test to compare with
 * bpftool's dump of the module's BTF. (No bpf_core_type_id_kernel: 9p and 9pnet_virtio carry
 * their own copies of struct p9_client, so its kernel type id is ambiguous, for libbpf too.)
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* Not in vmlinux.h: declared here with only the members read (include/net/9p/client.h). */
enum p9_trans_status {
	Connected,
	BeginDisconnect,
	Disconnected,
	Hung,
};

struct p9_client {
	unsigned int msize;
	struct p9_trans_module *trans_mod;
	enum p9_trans_status status;
	struct idr fids;
} __attribute__((preserve_access_index));

/* Initialised to -1 (in .data): a value the relocations must overwrite. */
__u64 msize_offset = -1;
__u64 trans_mod_offset = -1;
__u64 status_offset = -1;
__u64 fids_offset = -1;
__u64 msize_size = -1;
__u64 client_size = -1;
__u64 client_exists = -1;
__u64 disconnected_value = -1;

SEC("xdp")
int read_module_layout(struct xdp_md *ctx)
{
	msize_offset = bpf_core_field_offset(struct p9_client, msize);
	trans_mod_offset = bpf_core_field_offset(struct p9_client, trans_mod);
	status_offset = bpf_core_field_offset(struct p9_client, status);
	fids_offset = bpf_core_field_offset(struct p9_client, fids);
	msize_size = bpf_core_field_size(struct p9_client, msize);
	client_size = bpf_core_type_size(struct p9_client);
	client_exists = bpf_core_type_exists(struct p9_client);
	disconnected_value = bpf_core_enum_value(enum p9_trans_status, Disconnected);
	return XDP_PASS;
}
