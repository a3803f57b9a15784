// SPDX-License-Identifier: Apache-2.0
/*
 * usdt_target's probe with a semaphore: <sys/sdt.h> gives every probe of a translation unit
 * compiled with _SDT_HAS_SEMAPHORES a semaphore named <provider>_<name>_semaphore in section
 * .probes, which the kernel counts up while a uprobe with that reference counter is attached.
 * The probe's arguments are computed only then.
 */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

unsigned short bpf4j_guarded_semaphore __attribute__((section(".probes")));

__attribute__((noinline)) void fire_guarded(long round)
{
	if (__builtin_expect(bpf4j_guarded_semaphore, 0))
		STAP_PROBE1(bpf4j, guarded, round * 1000);
}
