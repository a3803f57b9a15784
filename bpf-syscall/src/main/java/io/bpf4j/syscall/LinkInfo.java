package io.bpf4j.syscall;

/**
 * What the kernel says about a bpf_link ({@code struct bpf_link_info}, from {@link Bpf#linkInfo}).
 *
 * @param type the link type
 * @param id the kernel-wide link id
 * @param progId id of the attached program (0 once detached on some kernels)
 */
public record LinkInfo(LinkType type, int id, int progId) {
}
