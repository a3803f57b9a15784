package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachContext;
import io.bpf4j.attach.AttachException;
import io.bpf4j.attach.AttachOptions;
import io.bpf4j.attach.AttachPlugin;
import io.bpf4j.attach.Link;
import io.bpf4j.attach.LoadContext;
import io.bpf4j.attach.ProgramDefinition;
import io.bpf4j.syscall.ProgramType;
import java.util.Map;
import java.util.Set;

/**
 * Lightweight-tunnel programs: sections {@code lwt_in}, {@code lwt_out}, {@code lwt_xmit}
 * (Linux 4.10) and {@code lwt_seg6local} (4.18). They load, but they run as the encapsulation of
 * a route ({@code RTA_ENCAP} with {@code LWTUNNEL_ENCAP_BPF} in an {@code RTM_NEWROUTE}), which
 * bpf4j does not encode yet: attaching throws {@link UnsupportedOperationException} saying so.
 */
public final class LwtPlugin implements AttachPlugin {

    private static final Map<String, ProgramType> SECTIONS = Map.of(
            "lwt_in", ProgramType.LWT_IN,
            "lwt_out", ProgramType.LWT_OUT,
            "lwt_xmit", ProgramType.LWT_XMIT,
            "lwt_seg6local", ProgramType.LWT_SEG6LOCAL);

    /** Creates the plugin (ServiceLoader calls this). */
    public LwtPlugin() {
    }

    @Override
    public String name() {
        return "lwt";
    }

    @Override
    public Set<String> sectionPrefixes() {
        return SECTIONS.keySet();
    }

    @Override
    public ProgramDefinition define(String sectionName, LoadContext context) {
        ProgramType type = SECTIONS.get(sectionName);
        if (type == null) {
            throw new AttachException("section '" + sectionName + "' is not an lwt section (known: lwt_in, lwt_out,"
                    + " lwt_xmit, lwt_seg6local)");
        }
        return new ProgramDefinition(type, null, 0, false, false);
    }

    @Override
    public String manualAttachHint(String sectionName) {
        return "section '" + sectionName + "' runs as a route's encapsulation (RTM_NEWROUTE with RTA_ENCAP/"
                + "LWTUNNEL_ENCAP_BPF), which bpf4j does not attach yet: load it with bpf4j and pin it, then"
                + " reference the pinned program from the route";
    }

    @Override
    public Link attach(AttachContext context) {
        throw new UnsupportedOperationException("program " + context.programName() + ": "
                + manualAttachHint(context.sectionName()));
    }

    @Override
    public Link attach(AttachContext context, AttachOptions options) {
        throw new UnsupportedOperationException("program " + context.programName() + ": "
                + manualAttachHint(context.sectionName()));
    }

    @Override
    public String toString() {
        return "LwtPlugin" + SECTIONS.keySet();
    }
}
