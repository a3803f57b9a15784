// SPDX-License-Identifier: GPL-2.0
/*
 * The libbpf side of XlatedEqualityTest: opens and loads a BPF object with the system's libbpf
 * (Debian's libbpf-dev), then prints what the kernel made of every loaded program
 * (bpf_prog_info.xlated_prog_insns) and the id of every map, so the test can compare with the
 * same object loaded by bpf4j. Output, one item per line:
 *
 *   map <kernel map id> <libbpf's map name>
 *   prog <program name>
 *   insn <16 hex digits: the 8 bytes of one slot, in memory order>
 *
 * Exit status: 0 loaded, 2 open failed, 3 load failed (libbpf's log on stderr), 4 info failed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int print_warnings(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static int dump_program(struct bpf_program *prog)
{
	struct bpf_prog_info info;
	__u32 info_len = sizeof(info);
	unsigned char *insns;
	__u32 len, i, k;
	int fd = bpf_program__fd(prog);

	if (fd < 0)
		return 0; /* not loaded (autoload off) */
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &info_len)) {
		fprintf(stderr, "bpf_obj_get_info_by_fd(%s): %s\n", bpf_program__name(prog), strerror(errno));
		return -1;
	}
	len = info.xlated_prog_len;
	insns = calloc(1, len ? len : 1);
	if (!insns)
		return -1;
	memset(&info, 0, sizeof(info));
	info_len = sizeof(info);
	info.xlated_prog_len = len;
	info.xlated_prog_insns = (__u64)(uintptr_t)insns;
	if (bpf_obj_get_info_by_fd(fd, &info, &info_len)) {
		fprintf(stderr, "bpf_obj_get_info_by_fd(%s) insns: %s\n", bpf_program__name(prog), strerror(errno));
		free(insns);
		return -1;
	}
	printf("prog %s\n", bpf_program__name(prog));
	for (i = 0; i + 8 <= info.xlated_prog_len && i + 8 <= len; i += 8) {
		printf("insn ");
		for (k = 0; k < 8; k++)
			printf("%02x", insns[i + k]);
		printf("\n");
	}
	free(insns);
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_map *map;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <object.bpf.o>\n", argv[0]);
		return 1;
	}
	libbpf_set_print(print_warnings);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "open %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "load %s: %s\n", argv[1], strerror(-err));
		bpf_object__close(obj);
		return 3;
	}
	bpf_object__for_each_map(map, obj) {
		struct bpf_map_info info;
		__u32 info_len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(bpf_map__fd(map), &info, &info_len)) {
			fprintf(stderr, "map info %s: %s\n", bpf_map__name(map), strerror(errno));
			bpf_object__close(obj);
			return 4;
		}
		printf("map %u %s\n", info.id, bpf_map__name(map));
	}
	bpf_object__for_each_program(prog, obj) {
		if (dump_program(prog)) {
			bpf_object__close(obj);
			return 4;
		}
	}
	bpf_object__close(obj);
	return 0;
}
