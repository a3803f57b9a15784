// SPDX-License-Identifier: Apache-2.0
/*
 * UsdtTest's traced program: USDT probes (<sys/sdt.h>) whose arguments the compiler places in
 * registers, in memory and as constants, one probe guarded by a semaphore (usdt_guarded.c), and a call into
 * libusdt_lib.so, whose probe takes take array elements (base + index * scale operands).
 *
 * UprobeHooksTest probes its fire_* functions with uprobe.multi and a sleepable uprobe.
 *
 * usdt_target <rounds> [wait]: fires every probe <rounds> times with known values and prints,
 * per round, whether the semaphore was set ("semaphore=<n>"); with "wait", first prints "ready"
 * and waits for a line on standard input.
 */
#include <sys/sdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* usdt_guarded.c: the probe with a semaphore, and the semaphore itself. */
extern unsigned short bpf4j_guarded_semaphore;
void fire_guarded(long round);
long usdt_lib_fire(long round);

/* Arguments in registers: the probe sees them where the calling convention put them. */
__attribute__((noinline)) void fire_registers(int a, long b, signed char c)
{
	STAP_PROBE3(bpf4j, registers, a, b, c);
	__asm__ volatile("" ::: "memory");
}

/* A volatile local lives in the stack frame: the operand is memory, register + displacement. */
__attribute__((noinline)) void fire_memory(long value)
{
	volatile long in_memory = value;
	volatile short small = (short)-value;
	STAP_PROBE2(bpf4j, memory, in_memory, small);
}

__attribute__((noinline)) void fire_constants(void)
{
	STAP_PROBE3(bpf4j, constants, 5, -7, 123456789012LL);
}

/* UprobeHooksTest: a user pointer that a sleepable uprobe copies with bpf_copy_from_user. */
__attribute__((noinline)) void fire_string(const char *text)
{
	__asm__ volatile("" : : "r"(text) : "memory");
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 1;

	/* "wait": let the test attach to this very process first. */
	if (argc > 2 && strcmp(argv[2], "wait") == 0) {
		printf("ready\n");
		fflush(stdout);
		getchar();
	}
	for (long r = 1; r <= rounds; r++) {
		fire_registers(-42, 0x1122334455667788L, -3);
		fire_memory(77 + r);
		fire_constants();
		fire_guarded(r);
		usdt_lib_fire(r);
		fire_string("bpf4j-sleepable");
		printf("semaphore=%u\n", (unsigned)bpf4j_guarded_semaphore);
	}
	return 0;
}
