package io.bpf4j.core.internal;

/**
 * What one relocation computes for one target (libbpf's {@code bpf_core_relo_res}): the value
 * the compiler wrote (checked against the instruction when {@code validate}), the value to write,
 * and for field offsets the memory sizes, since a load may have to change width.
 *
 * @param localValue the value expected in the instruction
 * @param targetValue the value to patch in
 * @param poison whether the instruction must be poisoned instead
 * @param poisonReason why, when poisoned
 * @param validate whether the instruction's current value must equal {@code localValue}
 * @param localSize the local field's size in bytes (field offsets only, else 0)
 * @param targetSize the target field's size in bytes (field offsets only, else 0)
 * @param sizeChangeUnsafe whether a load/store of a size-changed field would read a wrong value
 *     (neither both pointers nor both unsigned integers)
 * @param targetSpec the matched target spec, {@code null} when no candidate matched
 */
public record RelocationValues(long localValue, long targetValue, boolean poison, String poisonReason, boolean validate,
        int localSize, int targetSize, boolean sizeChangeUnsafe, AccessSpec targetSpec) {
}
