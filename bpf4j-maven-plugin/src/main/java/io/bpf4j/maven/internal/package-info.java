/**
 * Internal: the pieces of the BPF build, independent of Maven so they can be tested alone.
 *
 * <p>{@link io.bpf4j.maven.internal.ExecutableLocator} finds clang (and names the Debian
 * package when it is missing), {@link io.bpf4j.maven.internal.VmlinuxHeader} provides
 * {@code vmlinux.h} (dumped by bpf-btf, cached per kernel BTF), {@link io.bpf4j.maven.internal.SourceScanner} finds
 * sources and decides which objects are stale, {@link io.bpf4j.maven.internal.ClangInvocation}
 * builds clang's command line and {@link io.bpf4j.maven.internal.BpfCompiler} runs it in
 * parallel. Not exported; not an API.
 */
package io.bpf4j.maven.internal;
