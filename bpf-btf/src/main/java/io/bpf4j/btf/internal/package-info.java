/**
 * Internal: the BTF reader behind {@link io.bpf4j.btf.Btf} and {@link io.bpf4j.btf.BtfExt}.
 * Not exported; nothing here is API.
 *
 * <p>{@link io.bpf4j.btf.internal.TypeTable} validates the header and finds where each type
 * starts in one bounded pass; {@link io.bpf4j.btf.internal.TypeDecoder} turns one type's bytes
 * into a record on demand; {@link io.bpf4j.btf.internal.NameIndex} is built on the first lookup
 * by name; {@link io.bpf4j.btf.internal.ExtParser} reads {@code .BTF.ext};
 * {@link io.bpf4j.btf.internal.TypeEncoder} writes a record back to bytes. The C dumper is
 * {@link io.bpf4j.btf.internal.CEmitter} (order and text), {@code CLayout} (padding, packed and
 * aligned attributes that reproduce BTF's offsets) and {@code CNames} ({@code ___N} suffixes).
 */
package io.bpf4j.btf.internal;
