package io.bpf4j.attach.plugins;

import io.bpf4j.attach.Link;
import io.bpf4j.attach.PerfEventLink;
import io.bpf4j.syscall.OwnedFd;
import java.util.Optional;

/**
 * A probe made through tracefs's {@code kprobe_events}: the perf event link, plus the probe
 * definition, removed from tracefs after the link is closed.
 */
final class TracefsProbeLink implements Link {

    private final PerfEventLink link;
    private final String event;

    TracefsProbeLink(PerfEventLink link, String event) {
        this.link = link;
        this.event = event;
    }

    @Override
    public String description() {
        return link.description();
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public Optional<OwnedFd> linkFd() {
        return link.linkFd();
    }

    @Override
    public void close() {
        if (!link.isOpen()) {
            return;
        }
        try {
            link.close();
        } finally {
            TracefsKprobe.remove(event);
        }
    }
}
