// Test object for bpf-elf's disassembler, compiled with -mcpu=v4 (see bpf-elf's pom): the
// instructions of ISA v4 (kernel 6.6): signed division and modulo, sign-extending moves and
// loads, unconditional byte swaps, gotol with a 32-bit offset, and may_goto (kernel 6.9).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

long long numbers[4];
signed char small[4];
short mid[4];
int word[4];

SEC("tp/syscalls/sys_enter_getpid")
int signed_ops(void *ctx)
{
	long long a = numbers[0], b = numbers[1];
	int c = word[0], d = word[1];

	numbers[2] = a / b + a % b;          /* sdiv64, smod64 */
	word[2] = c / d + c % d;             /* sdiv32, smod32 */
	numbers[3] = small[0] + mid[0] + word[3]; /* ldsx 8, 16, 32 */
	word[3] = (signed char)c + (short)d; /* movsx */
	numbers[0] = (long long)(int)b;      /* movsx 32 */
	numbers[1] = __builtin_bswap64(a) + __builtin_bswap32(c) + __builtin_bswap16(d); /* bswap */
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int jumps(void *ctx)
{
	asm volatile("gotol +1; r0 = 0; may_goto +1; r0 = 1;" ::: "r0");
	/* What the optimiser rewrites away in C: smod, 32-bit ldsx, swaps of a 32-bit register. */
	asm volatile("r1 = 7; r2 = -3; r1 s%%= r2; w1 s%%= w2; r1 s%%= -5; w1 s/= -5;"
		     "*(u64 *)(r10 - 8) = r1; r1 = *(s32 *)(r10 - 8); r1 = bswap16 r1;" ::: "r1", "r2");
	return 0;
}
