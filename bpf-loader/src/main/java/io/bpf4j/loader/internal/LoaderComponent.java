package io.bpf4j.loader.internal;

import dagger.Component;
import jakarta.inject.Singleton;

/**
 * The loader's object graph: the kernel-facing services every
 * {@link io.bpf4j.loader.BpfObject} shares. One per process by default
 * ({@link LoaderServices#defaults()}); tests and embedders can build another
 * with a different {@link KernelModule}.
 */
@Singleton
@Component(modules = KernelModule.class)
public interface LoaderComponent {
    /** {@return the services, wired} */
    LoaderServices services();
}
