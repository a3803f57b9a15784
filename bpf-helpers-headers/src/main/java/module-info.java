/**
 * bpf4j's BPF-side C headers and the code that hands them to clang.
 *
 * <p>The headers carry libbpf's names ({@code <bpf/bpf_helpers.h>}, {@code <bpf/bpf_tracing.h>},
 * {@code <bpf/bpf_endian.h>}, {@code <bpf/bpf_helper_defs.h>}) so programs written for libbpf
 * compile unchanged; they are bpf4j's own text, with {@code bpf_helper_defs.h} generated at build
 * time from the UAPI {@code linux/bpf.h}. They live in the jar under the non-package directory
 * {@code bpf4j-include/}, which JPMS does not encapsulate, and
 * {@link io.bpf4j.headers.BpfHeaders#extractTo(java.nio.file.Path)} writes them out for
 * {@code clang -I}.
 */
module io.bpf4j.headers {
    exports io.bpf4j.headers;
}
