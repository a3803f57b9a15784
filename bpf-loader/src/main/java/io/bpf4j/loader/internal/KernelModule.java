package io.bpf4j.loader.internal;

import dagger.Module;
import dagger.Provides;
import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.btf.Btf;
import io.bpf4j.syscall.Bpf;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** Provides the running kernel: its bpf(2), its BTF and the attach plugins found on the path. */
@Module
public final class KernelModule {
    private KernelModule() {
    }

    @Provides
    @Singleton
    static Bpf bpf() {
        return Bpf.system();
    }

    /** Plugins are looked up once: ServiceLoader scans the path, which is not free. */
    @Provides
    @Singleton
    static AttachPlugins attachPlugins() {
        return AttachPlugins.load();
    }

    /** The kernel's BTF is parsed only when a load first needs it (CO-RE, tp_btf ...). */
    @Provides
    @Singleton
    static Supplier<Btf> kernelBtf() {
        return Btf::kernel;
    }

    /** vmlinux and the modules' BTF, each parsed only when a load first needs it. */
    @Provides
    @Singleton
    static KernelBtfs kernelBtfs(Bpf bpf, Supplier<Btf> kernelBtf) {
        return new KernelBtfs(bpf, kernelBtf, Btf.KERNEL_BTF.getParent());
    }

    @Provides
    @Singleton
    static PossibleCpus possibleCpus() {
        return PossibleCpus.system();
    }
}
