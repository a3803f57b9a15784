// SPDX-License-Identifier: GPL-2.0
/*
 * Oracle for LibbpfOracleTest: opens a BPF object with the system's libbpf, optionally against a
 * custom target BTF (btf_custom_path), and loads it so that libbpf applies its CO-RE
 * relocations; libbpf's debug lines about each relocation ("relo #N: patched insn #M ...",
 * "substituting insn #M ...") are printed on stdout for the test to compare. Whether the
 * programs then pass the verifier does not matter.
 */
#include <bpf/libbpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int print_relocations(enum libbpf_print_level level, const char *fmt, va_list args)
{
	(void)level;
	if (strstr(fmt, "relo #") == NULL)
		return 0;
	return vfprintf(stdout, fmt, args);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s object.bpf.o [target-btf]\n", argv[0]);
		return 2;
	}
	LIBBPF_OPTS(bpf_object_open_opts, opts, .btf_custom_path = argc > 2 ? argv[2] : NULL);
	libbpf_set_print(print_relocations);
	struct bpf_object *obj = bpf_object__open_file(argv[1], &opts);
	if (!obj)
		return 3;
	printf("load=%d\n", bpf_object__load(obj));
	bpf_object__close(obj);
	return 0;
}
