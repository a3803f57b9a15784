package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachOptions;

/**
 * Options of {@link TrampolinePlugin} for {@code fentry}, {@code fexit}, {@code fmod_ret} and
 * {@code lsm} programs (and their {@code .s} variants), whose target is fixed at load: what
 * the section name cannot say.
 *
 * <pre>{@code
 * program.attach(TrampolineOptions.cookie(42));   // bpf_get_attach_cookie(ctx) returns 42
 * }</pre>
 *
 * @param cookie the BPF cookie of the tracing link ({@code link_create.tracing.cookie},
 *     Linux 5.19), 0 for none
 */
public record TrampolineOptions(long cookie) implements AttachOptions {

    /**
     * {@return options attaching with {@code cookie}}
     *
     * @param cookie the value {@code bpf_get_attach_cookie()} returns
     */
    public static TrampolineOptions cookie(long cookie) {
        return new TrampolineOptions(cookie);
    }
}
