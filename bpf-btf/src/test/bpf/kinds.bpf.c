/* Test input for bpf-btf: self-contained (no vmlinux.h) so that bpf-btf builds without the
 * bpf4j headers. Covers every BTF kind clang emits for BPF, DATASECs, func_info, line_info and
 * CO-RE relocations of several kinds. */
#define SEC(name) __attribute__((section(name), used))
#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __user __attribute__((btf_type_tag("user")))

typedef unsigned int u32;
typedef unsigned long long u64;

struct task {
    int pad;
    int pid;
    long long start;
    unsigned int flag_a : 3, flag_b : 5;
} __attribute__((preserve_access_index));

enum color { RED = -1, GREEN = 5, BLUE = 7 };
enum big { BIG = 0x100000000ULL, BIGGER = 0x200000000ULL };
union number { int i; float f; double d; };

int counter = 0;
int zeroed;
const volatile u64 min_ns = 5;
const volatile int other_ro = 7;
char buf[16] SEC(".data.custom");
long initialized = 42;
enum color color_var = GREEN;
enum big big_var = BIG;
union number number_var;
int tagged_var __tag("a_decl_tag") = 3;
int __user *user_ptr;

struct {
    int type;
    int max_entries;
    u32 *key;
    u64 *value;
} counts SEC(".maps");

static __attribute__((noinline)) int helper(int x)
{
    return x * 2 + counter;
}

SEC("tracepoint/sched/sched_process_exec")
int handle_exec(void *ctx)
{
    struct task *t = ctx;
    int pid = t->pid;
    counter += helper(pid) + min_ns + other_ro + zeroed + buf[1];
    return __builtin_preserve_field_info(t->start, 1);
}

SEC("raw_tp/sys_enter")
int handle_raw(void *ctx)
{
    struct task *t = ctx;
    u64 size = __builtin_preserve_type_info(*t, 1);
    u64 value = __builtin_preserve_enum_value(*(enum color *)GREEN, 1);
    u64 id = __builtin_btf_type_id(*t, 0);
    return size + value + id + initialized + color_var + big_var + number_var.i + tagged_var;
}

char LICENSE[] SEC("license") = "GPL";
