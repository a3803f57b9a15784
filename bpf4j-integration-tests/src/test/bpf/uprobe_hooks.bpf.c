// SPDX-License-Identifier: Apache-2.0
/*
 * UprobeHooksTest: multi-uprobes on the fire_* functions of usdt_target (src/test/c, built by
 * UsdtTest's fixture into /tmp/bpf4j-usdt), their per-function cookies, a uprobe's perf-link
 * cookie, and a sleepable uprobe that copies a string argument with bpf_copy_from_user.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

long multi_hits, multi_return_hits;
long cookie_hits[8];
long perf_cookie, perf_cookie_hits;
char sleepable_text[16];
long sleepable_err, sleepable_hits;

SEC("uprobe.multi//tmp/bpf4j-usdt/usdt_target:fire_*")
int multi_entry(struct pt_regs *ctx)
{
	__sync_fetch_and_add(&multi_hits, 1);
	return 0;
}

SEC("uretprobe.multi//tmp/bpf4j-usdt/usdt_target:fire_*")
int multi_return(struct pt_regs *ctx)
{
	__sync_fetch_and_add(&multi_return_hits, 1);
	return 0;
}

/* Attached by hand with one cookie per function: counts hits per cookie. */
SEC("uprobe.multi")
int multi_cookies(struct pt_regs *ctx)
{
	__u64 cookie = bpf_get_attach_cookie(ctx);

	if (cookie < 8)
		__sync_fetch_and_add(&cookie_hits[cookie], 1);
	return 0;
}

/* A uprobe through a perf event: the cookie is the perf link's (5.15). */
SEC("uprobe")
int perf_link_cookie(struct pt_regs *ctx)
{
	perf_cookie = bpf_get_attach_cookie(ctx);
	__sync_fetch_and_add(&perf_cookie_hits, 1);
	return 0;
}

/* bpf_copy_from_user may fault pages in, so only sleepable programs may call it. */
SEC("uprobe.s//tmp/bpf4j-usdt/usdt_target:fire_string")
int BPF_UPROBE(sleepable_copy, const char *text)
{
	sleepable_err = bpf_copy_from_user(sleepable_text, sizeof(sleepable_text), text);
	__sync_fetch_and_add(&sleepable_hits, 1);
	return 0;
}
