/*
 * The C side of CoreBenchmarks: libbpf's own CO-RE relocation of every program of an object
 * against a vmlinux BTF, timed without loading anything. libbpf does this inside
 * bpf_object__load() (bpf_object__relocate_core), which also creates maps and loads programs, so
 * this program calls the same libbpf functions that step calls, per relocation: candidate
 * search (bpf_core_add_cands, cached per local type id as libbpf caches it for one load), the
 * computation (bpf_core_calc_relo_insn) and the patch (bpf_core_patch_insn). They are libbpf
 * internals, not in its headers: they are declared here and linked from Debian's static
 * libbpf.a (libbpf-dev 1.1), whose layouts the declarations below follow (relo_core.h of
 * libbpf 1.1; only the fields read here matter, the scratch areas are oversized).
 *
 * Prints "name microseconds" lines and a "checksum <sum of new values> <poisoned> <relocations>"
 * line that must equal what bpf4j computes (CoreBenchmarks.main).
 *
 * Usage: libbpf_core_bench <vmlinux btf> <bpf object>
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libbpf internals (relo_core.h, libbpf_internal.h of libbpf 1.1). */
struct bpf_core_cand {
	const struct btf *btf;
	__u32 id;
};

struct bpf_core_cand_list {
	struct bpf_core_cand *cands;
	int len;
};

struct bpf_core_relo_res {
	__u64 orig_val;
	__u64 new_val;
	bool poison;
	bool validate;
	bool fail_memsz_adjust;
	__u32 orig_sz;
	__u32 orig_type_id;
	__u32 new_sz;
	__u32 new_type_id;
	__u32 reserved[8]; /* room for fields later versions add */
};

size_t bpf_core_essential_name_len(const char *name);
int bpf_core_add_cands(struct bpf_core_cand *local_cand, size_t local_essent_len, const struct btf *targ_btf,
		       const char *targ_btf_name, int targ_start_id, struct bpf_core_cand_list *cands);
void bpf_core_free_cands(struct bpf_core_cand_list *cands);
int bpf_core_calc_relo_insn(const char *prog_name, const struct bpf_core_relo *relo, int relo_idx,
			    const struct btf *local_btf, struct bpf_core_cand_list *cands,
			    void *specs_scratch, struct bpf_core_relo_res *targ_res);
int bpf_core_patch_insn(const char *prog_name, struct bpf_insn *insn, int insn_idx, const struct bpf_core_relo *relo,
			int relo_idx, const struct bpf_core_relo_res *res);

/* The .BTF.ext header (Documentation/bpf/btf.rst, "BTF.ext section"). */
struct btf_ext_hdr {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
	__u32 core_relo_off;
	__u32 core_relo_len;
};

/* One .BTF.ext block of CO-RE records: the program of a section and its relocations. */
struct block {
	const char *sec_name;
	const struct bpf_program *prog;
	const struct bpf_core_relo *relos;
	__u32 count;
};

static struct btf *local_btf;
static struct btf *vmlinux;
static struct block blocks[64];
static int nblocks;
static struct bpf_insn scratch_insns[1 << 16];
static char specs_scratch[3 * 8192];
static unsigned long long checksum_sum;
static int checksum_poisoned, checksum_count;
static const char *btf_path;

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static struct bpf_core_cand_list *find_cands(const struct btf *target, __u32 local_id)
{
	const struct btf_type *t = btf__type_by_id(local_btf, local_id);
	const char *name = btf__name_by_offset(local_btf, t->name_off);
	struct bpf_core_cand local = { .btf = local_btf, .id = local_id };
	struct bpf_core_cand_list *cands = calloc(1, sizeof(*cands));

	if (!cands || bpf_core_add_cands(&local, bpf_core_essential_name_len(name), target, "vmlinux", 1, cands)) {
		fprintf(stderr, "candidate search failed for [%u] %s\n", local_id, name);
		exit(1);
	}
	return cands;
}

/* Relocates every program against TARGET, as one bpf_object__load would (fresh candidate cache). */
static void relocate_all(const struct btf *target)
{
	__u32 ntypes = btf__type_cnt(local_btf);
	struct bpf_core_cand_list **cache = calloc(ntypes, sizeof(*cache));
	struct bpf_core_relo_res res;
	int b;
	__u32 i;

	checksum_sum = 0;
	checksum_poisoned = 0;
	checksum_count = 0;
	for (b = 0; b < nblocks; b++) {
		const char *name = bpf_program__name(blocks[b].prog);
		size_t n = bpf_program__insn_cnt(blocks[b].prog);

		memcpy(scratch_insns, bpf_program__insns(blocks[b].prog), n * sizeof(struct bpf_insn));
		for (i = 0; i < blocks[b].count; i++) {
			const struct bpf_core_relo *r = &blocks[b].relos[i];
			int insn_idx = r->insn_off / sizeof(struct bpf_insn);

			if (!cache[r->type_id])
				cache[r->type_id] = find_cands(target, r->type_id);
			memset(&res, 0, sizeof(res));
			if (bpf_core_calc_relo_insn(name, r, i, local_btf, cache[r->type_id], specs_scratch, &res) ||
			    bpf_core_patch_insn(name, &scratch_insns[insn_idx], insn_idx, r, i, &res)) {
				fprintf(stderr, "prog '%s': relo #%u failed\n", name, i);
				exit(1);
			}
			if (res.poison)
				checksum_poisoned++;
			else
				checksum_sum += res.new_val;
			checksum_count++;
		}
	}
	for (i = 0; i < ntypes; i++)
		bpf_core_free_cands(cache[i]);
	free(cache);
}

static void relocate_warm(void)
{
	relocate_all(vmlinux);
}

static void relocate_cold(void)
{
	struct btf *target = btf__parse(btf_path, NULL);

	if (!target) { perror("btf__parse"); exit(1); }
	relocate_all(target);
	btf__free(target);
}

static void bench(const char *name, void (*fn)(void))
{
	double start = now_us();
	int warm = 0, iters, i;

	while (now_us() - start < 2e6) { fn(); warm++; }
	iters = warm < 20 ? 20 : warm;
	start = now_us();
	for (i = 0; i < iters; i++)
		fn();
	printf("%s %.3f\n", name, (now_us() - start) / iters);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap) { return 0; }

int main(int argc, char **argv)
{
	struct btf_ext *ext;
	struct bpf_object *obj;
	const struct btf_ext_hdr *hdr;
	const char *raw, *p, *end;
	__u32 size, rec_size;

	if (argc != 3) { fprintf(stderr, "usage: %s <vmlinux btf> <bpf object>\n", argv[0]); return 2; }
	libbpf_set_print(quiet);
	btf_path = argv[1];
	vmlinux = btf__parse(btf_path, NULL);
	local_btf = btf__parse_elf(argv[2], &ext);
	obj = bpf_object__open(argv[2]);
	if (!vmlinux || !local_btf || !ext || !obj) { perror("parse"); return 1; }
	raw = btf_ext__get_raw_data(ext, &size); /* btf_ext__raw_data in libbpf >= 1.2 */
	hdr = (const void *)raw;
	if (hdr->hdr_len < sizeof(*hdr) || !hdr->core_relo_len) { fprintf(stderr, "no CO-RE records\n"); return 1; }
	p = raw + hdr->hdr_len + hdr->core_relo_off;
	end = p + hdr->core_relo_len;
	rec_size = *(const __u32 *)p;
	p += 4;
	if (rec_size != sizeof(struct bpf_core_relo)) { fprintf(stderr, "record size %u\n", rec_size); return 1; }
	while (p + 8 <= end && nblocks < 64) {
		struct block *blk = &blocks[nblocks];
		struct bpf_program *prog;

		blk->sec_name = btf__name_by_offset(local_btf, ((const __u32 *)p)[0]);
		blk->count = ((const __u32 *)p)[1];
		blk->relos = (const void *)(p + 8);
		blk->prog = NULL;
		bpf_object__for_each_program(prog, obj)
			if (!strcmp(bpf_program__section_name(prog), blk->sec_name) && !blk->prog)
				blk->prog = prog;
		if (!blk->prog) { fprintf(stderr, "no program in %s\n", blk->sec_name); return 1; }
		p += 8 + blk->count * rec_size;
		nblocks++;
	}
	relocate_all(vmlinux);
	printf("checksum %llu %d %d\n", checksum_sum, checksum_poisoned, checksum_count);
	bench("relocateWarm", relocate_warm);
	bench("relocateColdBtf", relocate_cold);
	bpf_object__close(obj);
	btf__free(local_btf);
	btf_ext__free(ext);
	btf__free(vmlinux);
	return 0;
}
