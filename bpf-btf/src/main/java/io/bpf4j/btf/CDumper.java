package io.bpf4j.btf;

import io.bpf4j.btf.internal.CEmitter;
import java.util.Objects;

/**
 * Writes BTF as C: the {@code vmlinux.h} that BPF programs include, made from the kernel's BTF
 * the way {@code bpftool btf dump file /sys/kernel/btf/vmlinux format c} makes it.
 *
 * <pre>{@code
 * String header = CDumper.header(Btf.kernel());
 * Files.writeString(Path.of("vmlinux.h"), header);
 * }</pre>
 *
 * <p>The output compiles with clang ({@code -target bpf}) and gives every struct and union the
 * size and member offsets its BTF records. BTF keeps offsets, not the attributes that made
 * them, so padding is written as unnamed bitfields, and {@code __attribute__((packed))} or
 * {@code __attribute__((aligned(N)))} is added where C's natural layout would differ. Types come
 * in dependency order: a type held by value is defined before its holder, one reached through a
 * pointer is forward-declared. When BTF holds several types of one name, the second and later
 * are written {@code name___2}, {@code name___3} ... as libbpf does (CO-RE ignores the suffix).
 * Functions, variables, data sections and tags declare nothing and are left out.
 *
 * <p>The header is wrapped as bpftool wraps it: an include guard, and
 * {@code #pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)}
 * so that every field access in a BPF program is CO-RE-relocatable (define
 * {@code BPF_NO_PRESERVE_ACCESS_INDEX} to turn that off).
 */
public final class CDumper {
    /** The guard macro of {@link #header}, bpftool's. */
    public static final String GUARD = "__VMLINUX_H__";

    /** The output may be this many times larger than the BTF (vmlinux: ~0.5x) plus a constant. */
    private static final long OUTPUT_BOUND_FACTOR = 64;
    private static final long OUTPUT_BOUND_CONSTANT = 1 << 20;

    private CDumper() {
    }

    /**
     * Returns a complete header: guard, the {@code preserve_access_index} pragma, every type.
     *
     * @param btf the types, e.g. {@link Btf#kernel()}
     * @return the header text
     * @throws BtfFormatException if the BTF is malformed (dangling or cyclic references,
     *     anonymous types nested without bound)
     */
    public static String header(Btf btf) {
        Objects.requireNonNull(btf, "btf");
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("#ifndef ").append(GUARD).append('\n');
        sb.append("#define ").append(GUARD).append("\n\n");
        sb.append("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n");
        sb.append("#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n");
        sb.append("#endif\n\n");
        CEmitter.emit(btf, sb, bound(btf));
        sb.append("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n");
        sb.append("#pragma clang attribute pop\n");
        sb.append("#endif\n\n");
        sb.append("#endif /* ").append(GUARD).append(" */\n");
        return sb.toString();
    }

    /**
     * Returns only the declarations, without guard or pragma, for embedding in another file.
     *
     * @param btf the types
     * @return the declarations, each followed by a blank line
     * @throws BtfFormatException if the BTF is malformed
     */
    public static String declarations(Btf btf) {
        Objects.requireNonNull(btf, "btf");
        StringBuilder sb = new StringBuilder(1 << 12);
        CEmitter.emit(btf, sb, bound(btf));
        return sb.toString();
    }

    private static long bound(Btf btf) {
        long bytes = 0;
        for (Btf b = btf; b != null; b = b.base().orElse(null)) {
            bytes += b.ownByteLength();
        }
        return bytes * OUTPUT_BOUND_FACTOR + OUTPUT_BOUND_CONSTANT;
    }
}
