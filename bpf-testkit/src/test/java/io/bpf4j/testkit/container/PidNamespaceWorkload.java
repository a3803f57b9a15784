package io.bpf4j.testkit.container;

import io.bpf4j.loader.BpfObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Runs inside the container: iterates the tasks it can see with a BPF task
 * iterator, stores how many processes (distinct tgids) and tasks it saw in the
 * object's {@code results} map, and pins that map where the host can open it.
 */
public final class PidNamespaceWorkload {
    private PidNamespaceWorkload() {
    }

    /**
     * @param args the pin path
     */
    public static void main(String[] args) {
        try (BpfObject obj = BpfObject.openResource(PidNamespaceWorkload.class, "/META-INF/bpf/task_tgids.bpf.o")) {
            obj.load();
            List<Integer> tgids = TaskIterator.tgids(obj.program("dump_tgid"));
            long processes = new HashSet<>(tgids).size();
            obj.map("results").update(key(0), value(processes));
            obj.map("results").update(key(1), value(tgids.size()));
            obj.map("results").pin(Path.of(args[0]));
            System.out.println("workload: pid " + ProcessHandle.current().pid() + " saw " + processes
                    + " process(es), " + tgids.size() + " task(s); pinned " + args[0]);
        }
    }

    static byte[] key(int k) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(k).array();
    }

    static byte[] value(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }
}
