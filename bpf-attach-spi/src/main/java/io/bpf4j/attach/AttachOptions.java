package io.bpf4j.attach;

/**
 * Marker for the typed options a plugin accepts in {@link AttachPlugin#attach(AttachContext,
 * AttachOptions)}. Each plugin defines its own records (for the built-ins see
 * {@link io.bpf4j.attach.plugins}); a plugin given options of a class it does not know throws
 * {@link UnsupportedOperationException}.
 */
public interface AttachOptions {
}
