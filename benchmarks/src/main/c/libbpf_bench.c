/* The C side of BtfBenchmarks, on Debian's libbpf (libbpf-dev): same three operations, timed
 * with CLOCK_MONOTONIC over a warm-up and a measured loop. Prints "name microseconds". */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static volatile long sink;

static void open_and_find(const char *btf_path)
{
	struct btf *btf = btf__parse(btf_path, NULL);
	if (!btf) { perror("btf__parse"); exit(1); }
	sink += btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	btf__free(btf);
}

static void decode_every_type(const char *btf_path)
{
	struct btf *btf = btf__parse(btf_path, NULL);
	if (!btf) { perror("btf__parse"); exit(1); }
	__u32 n = btf__type_cnt(btf);
	for (__u32 id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		/* what a decode into a record touches: the name and every member's name */
		sink += (long)btf__name_by_offset(btf, t->name_off);
		if (btf_is_composite(t)) {
			const struct btf_member *m = btf_members(t);
			for (int i = 0; i < btf_vlen(t); i++, m++)
				sink += (long)btf__name_by_offset(btf, m->name_off) + m->type + m->offset;
		}
	}
	btf__free(btf);
}

static void open_object(const char *obj_path)
{
	struct bpf_object *obj = bpf_object__open(obj_path);
	if (!obj) { perror("bpf_object__open"); exit(1); }
	bpf_object__close(obj);
}

static void bench(const char *name, void (*fn)(const char *), const char *arg)
{
	double start = now_us();
	int warm = 0;
	while (now_us() - start < 2e6) { fn(arg); warm++; }
	int iters = warm < 20 ? 20 : warm;
	start = now_us();
	for (int i = 0; i < iters; i++)
		fn(arg);
	printf("%s %.3f\n", name, (now_us() - start) / iters);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap) { return 0; }

int main(int argc, char **argv)
{
	if (argc != 3) { fprintf(stderr, "usage: %s <btf> <bpf object>\n", argv[0]); return 2; }
	libbpf_set_print(quiet);
	bench("openAndFindByName", open_and_find, argv[1]);
	bench("decodeEveryType", decode_every_type, argv[1]);
	bench("openObject", open_object, argv[2]);
	return 0;
}
