/**
 * Internal: the CO-RE machinery behind {@link io.bpf4j.core.CoreRelocator}. Not exported; no
 * compatibility promise.
 *
 * <p>The pieces, in the order a relocation goes through them:
 * <ul>
 *   <li>{@link io.bpf4j.core.internal.AccessSpecParser} turns a record's access string into an
 *       {@link io.bpf4j.core.internal.AccessSpec} over the local BTF;</li>
 *   <li>{@link io.bpf4j.core.internal.CandidateIndex} lists target types with the same essential
 *       name ({@link io.bpf4j.core.internal.EssentialName}) and a compatible kind;</li>
 *   <li>{@link io.bpf4j.core.internal.SpecMatcher} finds the same field, enumerator or type in a
 *       candidate, using {@link io.bpf4j.core.internal.TypeCompatibility} and
 *       {@link io.bpf4j.core.internal.TypeMatching};</li>
 *   <li>{@link io.bpf4j.core.internal.RelocationCalculator} turns the local and target specs into
 *       the expected and new values ({@link io.bpf4j.core.internal.RelocationValues});</li>
 *   <li>{@link io.bpf4j.core.internal.InstructionPatcher} writes the new value into the
 *       instruction, or poisons it.</li>
 * </ul>
 * Every step follows the rules of libbpf's {@code relo_core.c} (read for facts, not copied), so a
 * program relocates the same way under bpf4j as under libbpf. A malformed relocation raises
 * {@link io.bpf4j.core.internal.InvalidRelocationException}, which the relocator wraps with the
 * program and instruction it belongs to.
 */
package io.bpf4j.core.internal;
