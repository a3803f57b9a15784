package io.bpf4j.syscall;

/**
 * Where on a route a lightweight-tunnel BPF program runs: the nested attribute of
 * {@code RTA_ENCAP} for {@code LWTUNNEL_ENCAP_BPF} (include/uapi/linux/lwtunnel.h, Linux 4.10).
 */
public enum LwtHook {
    /** {@code LWT_BPF_IN}: on input, for packets routed in by this route ({@code BPF_PROG_TYPE_LWT_IN}). */
    IN(1, ProgramType.LWT_IN),
    /** {@code LWT_BPF_OUT}: on output of locally generated packets ({@code BPF_PROG_TYPE_LWT_OUT}). */
    OUT(2, ProgramType.LWT_OUT),
    /** {@code LWT_BPF_XMIT}: at transmit, before the neighbour layer ({@code BPF_PROG_TYPE_LWT_XMIT}). */
    XMIT(3, ProgramType.LWT_XMIT);

    private final int attribute;
    private final ProgramType programType;

    LwtHook(int attribute, ProgramType programType) {
        this.attribute = attribute;
        this.programType = programType;
    }

    /** {@return the nested attribute's type ({@code LWT_BPF_IN}, {@code _OUT}, {@code _XMIT})} */
    public int attribute() {
        return attribute;
    }

    /** {@return the program type the kernel requires on this hook} */
    public ProgramType programType() {
        return programType;
    }
}
