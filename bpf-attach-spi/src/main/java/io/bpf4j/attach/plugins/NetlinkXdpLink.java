package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.DetachOnceLink;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Rtnetlink;
import java.util.Optional;

/**
 * An XDP program attached through rtnetlink: the attachment belongs to the interface. Closing
 * detaches it, unless another program has replaced it meanwhile (then closing leaves that one
 * alone).
 */
public final class NetlinkXdpLink extends DetachOnceLink {

    private final int ifindex;
    private final XdpMode mode;
    private final int programId;

    NetlinkXdpLink(int ifindex, XdpMode mode, int programId, String description) {
        super(description);
        this.ifindex = ifindex;
        this.mode = mode;
        this.programId = programId;
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
    protected void detach() {
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            Optional<Integer> attached = rtnl.xdpProgramId(ifindex, mode.flag());
            if (attached.isPresent() && attached.get() == programId) {
                rtnl.setXdp(ifindex, -1, mode.flag(), -1);
            }
        } catch (BpfException e) {
            throw new AttachException("cannot detach " + description(), e);
        }
    }

    @Override
    public String toString() {
        return "NetlinkXdpLink[" + description() + stateSuffix() + "]";
    }
}
