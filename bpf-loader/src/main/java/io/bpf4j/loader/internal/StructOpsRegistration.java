package io.bpf4j.loader.internal;

import io.bpf4j.attach.DetachOnceLink;
import io.bpf4j.syscall.Bpf;

/**
 * A struct_ops map registered the legacy way ({@code .struct_ops}, Linux 5.6): writing its only
 * element registered the ops, deleting it unregisters them (libbpf's
 * {@code bpf_link__detach_struct_ops} for maps without a real link). The map's descriptor stays
 * owned by the map; the object closes this registration before its maps.
 */
public final class StructOpsRegistration extends DetachOnceLink {
    private final Bpf bpf;
    private final int mapFd;

    /**
     * @param bpf         the facade
     * @param mapFd       the registered struct_ops map (owned by its BpfMap)
     * @param description what was registered
     */
    public StructOpsRegistration(Bpf bpf, int mapFd, String description) {
        super(description);
        this.bpf = bpf;
        this.mapFd = mapFd;
    }

    @Override
    protected void detach() {
        bpf.mapDeleteElem(mapFd, new byte[4]);
    }

    @Override
    public String toString() {
        return "StructOpsRegistration[" + description() + stateSuffix() + "]";
    }
}
