package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.DetachOnceLink;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.Rtnetlink;
import io.bpf4j.syscall.TcFilter;

/**
 * A {@code cls_bpf} filter in an interface's {@code clsact} qdisc (or, for a tc action program, the
 * {@code matchall} filter whose action it is): closing deletes the filter (not the qdisc, which
 * other filters may use, as libbpf's {@code bpf_tc_detach}).
 */
public final class ClsBpfLink extends DetachOnceLink {

    private final int ifindex;
    private final TcFilter filter;

    ClsBpfLink(int ifindex, TcFilter filter, String description) {
        super(description);
        this.ifindex = ifindex;
        this.filter = filter;
    }

    /** {@return the filter as the kernel created it: parent, priority, handle} */
    public TcFilter filter() {
        return filter;
    }

    /** {@return the interface's index} */
    public int ifindex() {
        return ifindex;
    }

    @Override
    protected void detach() {
        try (Rtnetlink rtnl = Rtnetlink.open()) {
            rtnl.deleteFilter(ifindex, filter.parent(), filter.priority(), filter.handle());
        } catch (BpfException e) {
            // Gone already: the interface or its qdisc was deleted.
            if (e.errno() != Errno.ENOENT && e.errno() != Errno.ENODEV && e.errno() != Errno.EINVAL) {
                throw new AttachException("cannot detach " + description(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "ClsBpfLink[" + description() + ", priority " + filter.priority() + ", handle 0x"
                + Integer.toHexString(filter.handle()) + stateSuffix() + "]";
    }
}
