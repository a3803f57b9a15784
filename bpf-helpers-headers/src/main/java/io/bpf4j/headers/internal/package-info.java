/**
 * Internal: the build-time generator of {@code bpf/bpf_helper_defs.h}.
 *
 * <p>{@link io.bpf4j.headers.internal.UapiHelperParser} reads helper numbers and signatures out of
 * the UAPI {@code linux/bpf.h}, {@link io.bpf4j.headers.internal.HelperTypeMapper} turns kernel
 * types into the ones a BPF program sees, {@link io.bpf4j.headers.internal.HelperDefsWriter}
 * prints the declarations and {@link io.bpf4j.headers.internal.HelperDefsTool} is the
 * {@code main} that the module's build runs. Not exported; not an API.
 */
package io.bpf4j.headers.internal;
