// SPDX-License-Identifier: Apache-2.0
/*
 * bootstrap: reports every exec and every process exit, with how long the
 * process lived after its last exec. Written for bpf4j's bootstrap example.
 *
 * exec  -> remember the exec time per pid, send an exec record (unless only
 *          long-lived processes are wanted, see min_duration_ns)
 * exit  -> look up and forget the exec time, send an exit record with the
 *          exit code and the duration
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bootstrap.h"

char LICENSE[] SEC("license") = "GPL";

/* Set from Java before load; 0 reports every event. */
const volatile __u64 min_duration_ns = 0;

/* Counts records dropped because the ring buffer was full (read from Java). */
__u64 dropped_events = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __s32);
	__type(value, __u64);
} exec_start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Fills what exec and exit records share. A real (not inlined) function, so
 * the object exercises BPF-to-BPF calls. */
static __noinline int fill_task_fields(struct bootstrap_event *ev, __s32 pid)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct task_struct *parent = NULL;

	ev->pid = pid;
	bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
	bpf_probe_read_kernel(&ev->ppid, sizeof(ev->ppid), &parent->tgid);
	bpf_get_current_comm(ev->comm, sizeof(ev->comm));
	return 0;
}

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	__s32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 now = bpf_ktime_get_ns();
	struct bootstrap_event *ev;
	__u32 filename_at;

	bpf_map_update_elem(&exec_start, &pid, &now, BPF_ANY);
	if (min_duration_ns)
		return 0;

	ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		__sync_fetch_and_add(&dropped_events, 1);
		return 0;
	}
	ev->is_exit = 0;
	ev->exit_code = 0;
	ev->duration_ns = 0;
	fill_task_fields(ev, pid);
	/* __data_loc: the low 16 bits are the string's offset from the record start. */
	filename_at = ctx->__data_loc_filename & 0xFFFF;
	bpf_probe_read_kernel_str(ev->filename, sizeof(ev->filename), (void *)ctx + filename_at);
	bpf_ringbuf_submit(ev, 0);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(struct trace_event_raw_sched_process_template *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__s32 pid = pid_tgid >> 32;
	__u64 *started, duration = 0;
	struct task_struct *task;
	struct bootstrap_event *ev;
	int exit_code = 0;

	/* A thread ending is not a process ending. */
	if (pid != (__u32)pid_tgid)
		return 0;

	started = bpf_map_lookup_elem(&exec_start, &pid);
	if (started)
		duration = bpf_ktime_get_ns() - *started;
	else if (min_duration_ns)
		return 0;
	bpf_map_delete_elem(&exec_start, &pid);
	if (min_duration_ns && duration < min_duration_ns)
		return 0;

	ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (!ev) {
		__sync_fetch_and_add(&dropped_events, 1);
		return 0;
	}
	task = (struct task_struct *)bpf_get_current_task();
	bpf_probe_read_kernel(&exit_code, sizeof(exit_code), &task->exit_code);
	ev->is_exit = 1;
	ev->exit_code = (exit_code >> 8) & 0xff;
	ev->duration_ns = duration;
	ev->filename[0] = 0;
	fill_task_fields(ev, pid);
	bpf_ringbuf_submit(ev, 0);
	return 0;
}
