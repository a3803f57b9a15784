// SPDX-License-Identifier: Apache-2.0
/*
 * CO-RE relocations that cannot resolve on any kernel: a ___flavor of task_struct with a field
 * no kernel has. The loader poisons them; `unguarded` reaches the poisoned instruction and the
 * verifier refuses it, `guarded` checks bpf_core_field_exists first so the verifier drops the
 * read as dead code and the program loads. Both read `seen` (an ld_imm64, two slots) first, so
 * the poisoned instruction's slot differs from its index in the instruction list; the branch on
 * it keeps clang from scheduling the relocated instruction into that statement's lines.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

__u64 seen;

struct task_struct___bpf4j {
	int pid;
	long bpf4j_no_such_field;
} __attribute__((preserve_access_index));

SEC("?raw_tp/bpf4j_test_run_only")
int unguarded(void *ctx)
{
	struct task_struct___bpf4j *t = (void *)bpf_get_current_task();

	if (seen++ > 1000000)
		return 0;
	return BPF_CORE_READ(t, bpf4j_no_such_field) == 7;
}

SEC("raw_tp/bpf4j_test_run_only")
int guarded(void *ctx)
{
	struct task_struct___bpf4j *t = (void *)bpf_get_current_task();

	seen++;
	if (bpf_core_field_exists(t->bpf4j_no_such_field))
		return BPF_CORE_READ(t, bpf4j_no_such_field) == 7;
	return BPF_CORE_READ(t, pid) == 0 ? 2 : 3;
}
