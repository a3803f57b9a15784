package io.bpf4j.testkit.container;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.bpf4j.loader.BpfProgram;
import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.Bpf;
import io.bpf4j.syscall.LinkCreateRequest;
import io.bpf4j.syscall.OwnedFd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a loaded task iterator once and returns the tgids it wrote. The link
 * comes from bpf-syscall ({@code BPF_LINK_CREATE} with {@code BPF_TRACE_ITER});
 * {@code BPF_ITER_CREATE}, which bpf-syscall's facade does not offer yet, and
 * {@code read(2)} are called here through JNA (test code only).
 */
final class TaskIterator {
    /** {@code __NR_bpf} on x86_64 (arch/x86/entry/syscalls/syscall_64.tbl). */
    private static final long NR_BPF = 321;
    /** {@code BPF_ITER_CREATE} (include/uapi/linux/bpf.h, 5.8). */
    private static final long BPF_ITER_CREATE = 33;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        long syscall(long number, long cmd, Pointer attr, long size);

        long read(int fd, byte[] buffer, long count);
    }

    private TaskIterator() {
    }

    static List<Integer> tgids(BpfProgram program) {
        try (OwnedFd link = Bpf.system().linkCreate(new LinkCreateRequest(program.fd(), 0, AttachType.TRACE_ITER,
                0, 0, 0, null))) {
            Memory attr = new Memory(8);
            attr.clear();
            attr.setInt(0, link.fd());
            long fd = LibC.INSTANCE.syscall(NR_BPF, BPF_ITER_CREATE, attr, 8);
            if (fd < 0) {
                throw new IllegalStateException("bpf(BPF_ITER_CREATE) failed: errno " + Native.getLastError());
            }
            try (OwnedFd iter = OwnedFd.adopt((int) fd, "task iterator")) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buf = new byte[64 * 1024];
                long n;
                while ((n = LibC.INSTANCE.read(iter.fd(), buf, buf.length)) > 0) {
                    all.write(buf, 0, (int) n);
                }
                if (n < 0) {
                    throw new IllegalStateException("read of the iterator failed: errno " + Native.getLastError());
                }
                ByteBuffer b = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.nativeOrder());
                List<Integer> tgids = new ArrayList<>();
                while (b.remaining() >= 4) {
                    tgids.add(b.getInt());
                }
                return tgids;
            }
        }
    }
}
