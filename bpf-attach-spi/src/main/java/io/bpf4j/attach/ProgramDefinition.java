package io.bpf4j.attach;

import io.bpf4j.syscall.AttachType;
import io.bpf4j.syscall.ProgLoadFlags;
import io.bpf4j.syscall.ProgramType;
import java.util.Objects;

/**
 * How a program must be loaded, as decided by the {@link AttachPlugin} owning its section.
 *
 * @param type the program type ({@code bpf_attr.prog_type})
 * @param expectedAttachType the expected attach type ({@code bpf_attr.expected_attach_type}),
 *     or null to leave it 0
 * @param attachBtfId the load-time target ({@code bpf_attr.attach_btf_id}): the BTF id, in the
 *     kernel's BTF, of what the program attaches to, or 0 for none
 * @param sleepable whether the program is loaded with {@code BPF_F_SLEEPABLE}
 * @param autoAttach whether the section name says enough to attach without options
 * @param extraFlags further {@code bpf_attr.prog_flags} the section implies, such as
 *     {@link #BPF_F_XDP_HAS_FRAGS} for {@code xdp.frags}; 0 for none
 * @param attachBtfObjId the kernel's id of the BTF object holding {@code attachBtfId} when that
 *     is a module's ({@link KernelType#btfObjectId()}); the loader passes a descriptor of it as
 *     {@code bpf_attr.attach_btf_obj_fd} (Linux 5.11). 0 for vmlinux
 */
public record ProgramDefinition(ProgramType type, AttachType expectedAttachType, int attachBtfId,
        boolean sleepable, boolean autoAttach, int extraFlags, int attachBtfObjId) {

    /**
     * A definition whose target, if any, is in vmlinux.
     *
     * @param type the program type
     * @param expectedAttachType the expected attach type, or null
     * @param attachBtfId the load-time target's BTF id, or 0
     * @param sleepable whether the program is sleepable
     * @param autoAttach whether the section name says enough to attach without options
     * @param extraFlags further {@code bpf_attr.prog_flags}
     */
    public ProgramDefinition(ProgramType type, AttachType expectedAttachType, int attachBtfId,
            boolean sleepable, boolean autoAttach, int extraFlags) {
        this(type, expectedAttachType, attachBtfId, sleepable, autoAttach, extraFlags, 0);
    }

    /** {@code BPF_F_XDP_HAS_FRAGS}, the {@code BPF_PROG_LOAD} flag of multi-buffer XDP programs (Linux 5.18). */
    public static final int BPF_F_XDP_HAS_FRAGS = 1 << 5;

    /**
     * A definition without extra flags.
     *
     * @param type the program type
     * @param expectedAttachType the expected attach type, or null
     * @param attachBtfId the load-time target's BTF id, or 0
     * @param sleepable whether the program is sleepable
     * @param autoAttach whether the section name says enough to attach without options
     */
    public ProgramDefinition(ProgramType type, AttachType expectedAttachType, int attachBtfId, boolean sleepable,
            boolean autoAttach) {
        this(type, expectedAttachType, attachBtfId, sleepable, autoAttach, 0, 0);
    }

    /** {@code BPF_F_SLEEPABLE}, the {@code BPF_PROG_LOAD} flag of sleepable programs (Linux 5.10). */
    public static final int BPF_F_SLEEPABLE = ProgLoadFlags.BPF_F_SLEEPABLE;

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code attachBtfId} or {@code attachBtfObjId} is negative
     */
    public ProgramDefinition {
        Objects.requireNonNull(type, "type");
        if (attachBtfId < 0) {
            throw new IllegalArgumentException("attachBtfId must be >= 0: " + attachBtfId);
        }
        if (attachBtfObjId < 0) {
            throw new IllegalArgumentException("attachBtfObjId must be >= 0: " + attachBtfObjId);
        }
    }

    /** {@return the {@code bpf_attr.prog_flags} this definition implies ({@link #BPF_F_SLEEPABLE}, the extra flags)} */
    public int programFlags() {
        return (sleepable ? BPF_F_SLEEPABLE : 0) | extraFlags;
    }
}
