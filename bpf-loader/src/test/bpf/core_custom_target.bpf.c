/*
 * Not a program: a made-up "kernel" whose BTF a test saves as a raw BTF file and passes to
 * BpfObject.coreBtf. Its task_struct puts pid where no real kernel does.
 */
struct task_struct {
	long pad[5];
	int pid;
};

struct task_struct fake_task;

char LICENSE[] __attribute__((section("license"), used)) = "GPL";
