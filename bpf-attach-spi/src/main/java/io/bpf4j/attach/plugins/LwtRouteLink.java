package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.DetachOnceLink;
import io.bpf4j.syscall.BpfException;
import io.bpf4j.syscall.Errno;
import io.bpf4j.syscall.LwtBpfRoute;
import io.bpf4j.syscall.Rtnetlink;

/**
 * A lightweight-tunnel program attached as the encapsulation of a route it owns: closing deletes
 * the route ({@code RTM_DELROUTE}). The rtnetlink socket the route was added through stays open
 * until then, so the route is deleted in the network namespace it was added in, whichever thread
 * closes the link. A route already gone (its device deleted) is not an error.
 */
public final class LwtRouteLink extends DetachOnceLink {

    private final Rtnetlink rtnetlink;
    private final LwtBpfRoute route;

    LwtRouteLink(Rtnetlink rtnetlink, LwtBpfRoute route, String description) {
        super(description);
        this.rtnetlink = rtnetlink;
        this.route = route;
    }

    /** {@return the route this link added} */
    public LwtBpfRoute route() {
        return route;
    }

    @Override
    protected void detach() {
        try {
            rtnetlink.deleteRoute(route);
        } catch (BpfException e) {
            if (e.errno() != Errno.ESRCH && e.errno() != Errno.ENODEV) {
                throw new AttachException("cannot detach " + description(), e);
            }
        } finally {
            rtnetlink.close();
        }
    }

    @Override
    public String toString() {
        return "LwtRouteLink[" + description() + stateSuffix() + "]";
    }
}
