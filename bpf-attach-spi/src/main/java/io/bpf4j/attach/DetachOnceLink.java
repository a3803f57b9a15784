package io.bpf4j.attach;

/**
 * The part every attachment without a link fd shares (netlink XDP, cls_bpf filters, socket
 * options, BPF_PROG_ATTACH): a description, and a {@link #close()} that detaches exactly once,
 * however many threads call it. Subclasses say only how to detach.
 */
public abstract class DetachOnceLink implements Link {
    private final String description;
    private volatile boolean open = true;

    /**
     * @param description what is attached to what, for messages
     */
    protected DetachOnceLink(String description) {
        this.description = description;
    }

    /** Undoes the attachment; called at most once, by {@link #close()}. */
    protected abstract void detach();

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        detach();
    }

    /** {@return " , detached" once closed, for subclasses' toString} */
    protected final String stateSuffix() {
        return open ? "" : ", detached";
    }
}
