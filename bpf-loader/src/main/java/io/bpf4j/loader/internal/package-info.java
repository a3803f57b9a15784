/**
 * Internal: how {@link io.bpf4j.loader.BpfObject} turns an object spec into
 * kernel objects. Not exported; nothing here is API.
 *
 * <p>The kernel-facing services (the {@code bpf(2)} facade, the attach
 * plugins, the kernel's BTF) are wired by Dagger in {@link
 * io.bpf4j.loader.internal.LoaderComponent}; the loading steps are small
 * classes, each owning one transformation: {@link
 * io.bpf4j.loader.internal.DatasecLayout} (BTF fixed up for the kernel),
 * {@link io.bpf4j.loader.internal.MapReferencePatcher} (map fds into
 * instructions), {@link io.bpf4j.loader.internal.BtfExtEncoder} (func_info
 * and line_info records), {@link io.bpf4j.loader.internal.ResourceScope}
 * (everything created so far, closed on failure).
 */
package io.bpf4j.loader.internal;
