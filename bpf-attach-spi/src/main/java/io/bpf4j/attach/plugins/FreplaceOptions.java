package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link TrampolinePlugin} for {@code freplace}: the loaded program whose function
 * the extension replaces.
 *
 * @param targetProgFd the target program's descriptor
 * @param targetBtfId the BTF id of the replaced function in the target program's BTF, or 0 to
 *     use the target given at load ({@code attach_prog_fd}, {@code attach_btf_id}); the kernel
 *     allows that only for the first link of the program
 */
public record FreplaceOptions(int targetProgFd, int targetBtfId) implements AttachOptions {

    /** Checks the fields. */
    public FreplaceOptions {
        if (targetProgFd <= 0 || targetBtfId < 0) {
            throw new IllegalArgumentException("give the target program's descriptor and a BTF id >= 0");
        }
    }
}
