package io.bpf4j.syscall;

/**
 * What the kernel says about a program ({@code struct bpf_prog_info}, from {@link Bpf#progInfo}).
 * The translated instructions are fetched separately by {@link Bpf#progXlatedInsns}.
 *
 * @param type the program type
 * @param id the kernel-wide program id
 * @param name the name (at most 15 bytes)
 * @param tag the program tag, 16 lowercase hex digits (as bpftool prints it)
 * @param xlatedProgLen size in bytes of the translated (post-verifier) instructions
 * @param jitedProgLen size in bytes of the JIT image (0 if not JIT-ed or not visible)
 * @param loadTime load time in nanoseconds since boot
 * @param createdByUid uid of the loader
 * @param mapCount number of maps the program uses
 * @param gplCompatible whether the license is GPL-compatible
 * @param btfId id of the program's BTF object, or 0
 * @param runTimeNs accumulated run time (only with {@code kernel.bpf_stats_enabled})
 * @param runCount accumulated run count (same)
 * @param verifiedInsns instructions the verifier processed (5.16)
 * @param attachBtfObjId BTF object holding the attach target, or 0
 * @param attachBtfId BTF id of the attach target, or 0
 */
public record ProgInfo(ProgramType type, int id, String name, String tag, int xlatedProgLen, int jitedProgLen,
                       long loadTime, int createdByUid, int mapCount, boolean gplCompatible, int btfId,
                       long runTimeNs, long runCount, int verifiedInsns, int attachBtfObjId, int attachBtfId) {
}
