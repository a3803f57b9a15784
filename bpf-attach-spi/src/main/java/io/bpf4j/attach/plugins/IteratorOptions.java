package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Options of {@link IteratorPlugin}: what an iterator walks, as {@code union bpf_iter_link_info}
 * (include/uapi/linux/bpf.h) says. Build them with the factory methods.
 *
 * @param mapFd for {@code bpf_map_elem}, {@code bpf_sk_storage_map}, {@code sockmap}: the map
 *     (5.9); else 0
 * @param cgroupFd for {@code cgroup}: the cgroup (6.1); else 0
 * @param cgroupOrder for {@code cgroup}: {@code BPF_CGROUP_ITER_*} (1 self only, 2 descendants
 *     pre-order, 3 post-order, 4 ancestors up); else 0
 * @param tid for {@code task}, {@code task_file}, {@code task_vma}: one thread (6.1); else 0
 * @param pid for the task iterators: one process's threads (6.1); else 0
 */
public record IteratorOptions(int mapFd, int cgroupFd, int cgroupOrder, int tid, int pid) implements AttachOptions {

    /** {@code sizeof(union bpf_iter_link_info)}: its largest member, cgroup, is 16 bytes. */
    static final int LINK_INFO_SIZE = 16;

    /** Checks that at most one member is set. */
    public IteratorOptions {
        int members = (mapFd != 0 ? 1 : 0) + (cgroupFd != 0 ? 1 : 0) + (tid != 0 || pid != 0 ? 1 : 0);
        if (members > 1 || (tid != 0 && pid != 0)) {
            throw new IllegalArgumentException("an iterator takes one of: a map, a cgroup, a thread, a process");
        }
        if (mapFd < 0 || cgroupFd < 0 || tid < 0 || pid < 0) {
            throw new IllegalArgumentException("descriptors and ids must not be negative");
        }
        if (cgroupFd != 0 && (cgroupOrder < 0 || cgroupOrder > 4)) {
            throw new IllegalArgumentException("cgroup order is BPF_CGROUP_ITER_* (0..4): " + cgroupOrder);
        }
    }

    /** {@return options with no parameter: every task, every map, every socket ...} */
    public static IteratorOptions none() {
        return new IteratorOptions(0, 0, 0, 0, 0);
    }

    /** {@return options walking the elements of map {@code mapFd}} */
    public static IteratorOptions map(int mapFd) {
        return new IteratorOptions(mapFd, 0, 0, 0, 0);
    }

    /** {@return options walking one process's threads (the task iterators)} */
    public static IteratorOptions process(int pid) {
        return new IteratorOptions(0, 0, 0, 0, pid);
    }

    /** {@return options walking one thread (the task iterators)} */
    public static IteratorOptions thread(int tid) {
        return new IteratorOptions(0, 0, 0, tid, 0);
    }

    /** {@return options walking cgroups from {@code cgroupFd} in {@code order}} */
    public static IteratorOptions cgroup(int cgroupFd, int order) {
        return new IteratorOptions(0, cgroupFd, order, 0, 0);
    }

    /** {@return the {@code union bpf_iter_link_info} bytes, or null when no member is set} */
    byte[] linkInfo() {
        ByteBuffer info = ByteBuffer.allocate(LINK_INFO_SIZE).order(ByteOrder.nativeOrder());
        if (mapFd != 0) {
            info.putInt(0, mapFd);                  // map.map_fd
        } else if (cgroupFd != 0) {
            info.putInt(0, cgroupOrder);            // cgroup.order
            info.putInt(4, cgroupFd);               // cgroup.cgroup_fd
        } else if (tid != 0 || pid != 0) {
            info.putInt(0, tid);                    // task.tid
            info.putInt(4, pid);                    // task.pid
        } else {
            return null;
        }
        return info.array();
    }
}
