package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.Link;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Rtnetlink;
import java.util.Optional;

/**
 * An XDP program attached through rtnetlink: the attachment belongs to the interface. Closing
 * detaches it, unless another program has replaced it meanwhile (then closing leaves that one
 * alone).
 */
public final class NetlinkXdpLink implements Link {

    private final int ifindex;
    private final XdpMode mode;
    private final int programId;
    private final String description;
    private volatile boolean open = true;

    NetlinkXdpLink(int ifindex, XdpMode mode, int programId, String description) {
        this.ifindex = ifindex;
        this.mode = mode;
        this.programId = programId;
        this.description = description;
    }

    /** {@return the interface's index} */
    public int ifindex() {
        return ifindex;
    }

    /** {@return the mode the program was attached in} */
    public XdpMode mode() {
        return mode;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            Optional<Integer> attached = rtnl.xdpProgramId(ifindex, mode.flag());
            if (attached.isPresent() && attached.get() == programId) {
                rtnl.setXdp(ifindex, -1, mode.flag(), -1);
            }
        } catch (BpfException e) {
            throw new AttachException("cannot detach " + description, e);
        }
    }

    @Override
    public String toString() {
        return "NetlinkXdpLink[" + description + (open ? "" : ", detached") + "]";
    }
}
