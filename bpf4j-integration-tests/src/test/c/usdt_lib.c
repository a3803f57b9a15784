// SPDX-License-Identifier: Apache-2.0
/*
 * libusdt_lib.so for UsdtTest: a probe in a shared library whose operand is an element of a
 * global array, compiled with -O2 -DSTAP_SDT_ARG_CONSTRAINT=m so that gcc writes it as
 * base + index * scale ("-8@(%rdx,%rdi,8)").
 */
#include <sys/sdt.h>

static long values[4] = {11, 22, 33, 44};

__attribute__((noinline)) long usdt_lib_element(long index)
{
	STAP_PROBE1(bpf4j_lib, element, values[index]);
	return index;
}

long usdt_lib_fire(long round)
{
	return usdt_lib_element(round % 4);
}
