package io.bpf4j.attach.plugins;

import io.bpf4j.attach.CompositeLink;
import io.bpf4j.attach.Link;
import io.bpf4j.syscall.Bpf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A USDT attachment: one uprobe per probe site, the spec slots they use in
 * {@code __bpf_usdt_specs} and, on kernels without BPF cookies, their entries in
 * {@code __bpf_usdt_ip_to_spec_id}. Closing detaches every uprobe first, then forgets the
 * instruction pointers and frees the slots for other links of the same object.
 */
public final class UsdtLink implements Link {

    private final CompositeLink uprobes;
    private final Bpf bpf;
    private final int specsMapId;
    private final List<Integer> slots;
    private final int ipMapFd;
    private final int ipMapId;
    private final List<Long> instructionPointers;
    private boolean released;

    /**
     * @param uprobes the uprobes, owned by this link
     * @param specsMapId the kernel id of the spec map whose slots this link took
     * @param slots the slots taken
     * @param ipMapFd the instruction pointer map (owned by the loader), or -1
     * @param ipMapId its kernel id, checked before deleting so a reused descriptor is left alone
     * @param instructionPointers the keys this link added to it
     */
    UsdtLink(CompositeLink uprobes, Bpf bpf, int specsMapId, List<Integer> slots, int ipMapFd, int ipMapId,
            List<Long> instructionPointers) {
        this.uprobes = uprobes;
        this.bpf = bpf;
        this.specsMapId = specsMapId;
        this.slots = List.copyOf(slots);
        this.ipMapFd = ipMapFd;
        this.ipMapId = ipMapId;
        this.instructionPointers = List.copyOf(instructionPointers);
    }

    /** {@return the uprobes, one per probe site ({@link io.bpf4j.attach.PerfEventLink}s)} */
    public List<Link> uprobes() {
        return uprobes.parts();
    }

    /** {@return the entries of {@code __bpf_usdt_specs} this link holds, until closed} */
    public List<Integer> slots() {
        return slots;
    }

    @Override
    public String description() {
        return uprobes.description();
    }

    @Override
    public boolean isOpen() {
        return uprobes.isOpen();
    }

    @Override
    public synchronized void close() {
        try {
            uprobes.close();
        } finally {
            if (!released) {
                released = true;
                forgetInstructionPointers(bpf, ipMapFd, ipMapId, instructionPointers);
                slots.forEach(slot -> UsdtSpecSlots.release(specsMapId, slot));
            }
        }
    }

    /** Deletes {@code keys} from the instruction pointer map if {@code fd} still is that map. */
    static void forgetInstructionPointers(Bpf bpf, int fd, int mapId, List<Long> keys) {
        if (keys.isEmpty() || fd < 0) {
            return;
        }
        try {
            if (bpf.mapInfo(fd).id() != mapId) {
                return;
            }
            for (long ip : keys) {
                bpf.mapDeleteElem(fd, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, ip).array());
            }
        } catch (RuntimeException closedWithItsObject) {
            // The object closed its maps first: nothing is left to forget.
        }
    }

    @Override
    public String toString() {
        return "UsdtLink[" + description() + ", " + uprobes.parts().size() + " uprobes, slots " + slots + "]";
    }
}
