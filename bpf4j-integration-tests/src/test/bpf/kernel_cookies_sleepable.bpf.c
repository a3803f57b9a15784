// SPDX-License-Identifier: Apache-2.0
/*
 * SleepableAndCookieHooksTest: bpf_get_attach_cookie() in kprobe, kprobe.multi and fentry
 * programs on vfs_unlink; and sleepable fentry.s (on the mkdir system call) and lsm.s
 * (file_open) programs calling bpf_copy_from_user, the sleepable-only helper, on a string the
 * test put at user_addr in its own memory. All count only this process (target_tgid).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_tgid = 0;

long kprobe_cookie, kprobe_hits;
long multi_cookie, multi_hits;
long fentry_cookie, fentry_hits;
__u64 user_addr;
char fentry_s_text[16], lsm_s_text[16];
long fentry_s_err, fentry_s_hits, lsm_s_err, lsm_s_hits;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

SEC("kprobe")
int kprobe_with_cookie(struct pt_regs *ctx)
{
	if (mine()) {
		kprobe_cookie = bpf_get_attach_cookie(ctx);
		__sync_fetch_and_add(&kprobe_hits, 1);
	}
	return 0;
}

SEC("kprobe.multi")
int kprobe_multi_with_cookie(struct pt_regs *ctx)
{
	if (mine()) {
		multi_cookie = bpf_get_attach_cookie(ctx);
		__sync_fetch_and_add(&multi_hits, 1);
	}
	return 0;
}

SEC("fentry/vfs_unlink")
int fentry_with_cookie(__u64 *ctx)
{
	if (mine()) {
		fentry_cookie = bpf_get_attach_cookie(ctx);
		__sync_fetch_and_add(&fentry_hits, 1);
	}
	return 0;
}

/*
 * A sleepable fentry needs an error-injectable target (CONFIG_FUNCTION_ERROR_INJECTION, off in
 * Debian's kernels) or one the kernel marks sleepable: bpf_fentry_test1, which
 * BPF_PROG_TEST_RUN of any fentry program calls (test_run_trigger).
 */
SEC("fentry.s/bpf_fentry_test1")
int sleepable_fentry(__u64 *ctx)
{
	if (mine() && user_addr) {
		fentry_s_err = bpf_copy_from_user(fentry_s_text, sizeof(fentry_s_text), (void *)user_addr);
		__sync_fetch_and_add(&fentry_s_hits, 1);
	}
	return 0;
}

/* Never attached: its test run calls bpf_fentry_test1..8 in this process. */
SEC("fentry/bpf_fentry_test2")
int test_run_trigger(__u64 *ctx)
{
	return 0;
}

SEC("lsm.s/file_open")
int sleepable_file_open(__u64 *ctx)
{
	if (mine() && user_addr) {
		lsm_s_err = bpf_copy_from_user(lsm_s_text, sizeof(lsm_s_text), (void *)user_addr);
		__sync_fetch_and_add(&lsm_s_hits, 1);
	}
	return 0;
}
