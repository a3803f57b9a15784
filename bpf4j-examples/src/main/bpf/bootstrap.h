/* The record bootstrap.bpf.c sends through its ring buffer; Bootstrap.java
 * decodes the same layout (offsets in BootstrapEvent.java). */
#ifndef BPF4J_EXAMPLES_BOOTSTRAP_H
#define BPF4J_EXAMPLES_BOOTSTRAP_H

#define BOOTSTRAP_COMM_LEN 16
#define BOOTSTRAP_FILENAME_LEN 128

struct bootstrap_event {
	__u64 duration_ns;           /* exit: time since exec; 0 when unknown */
	__s32 pid;
	__s32 ppid;
	__u32 exit_code;
	__u8 is_exit;                /* 0: exec, 1: exit */
	__u8 pad[3];
	char comm[BOOTSTRAP_COMM_LEN];
	char filename[BOOTSTRAP_FILENAME_LEN];
};

#endif
