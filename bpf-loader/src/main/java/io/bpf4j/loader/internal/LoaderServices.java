package io.bpf4j.loader.internal;

import io.bpf4j.attach.AttachPlugins;
import io.bpf4j.btf.Btf;
import io.bpf4j.syscall.Bpf;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * What a {@link io.bpf4j.loader.BpfObject} needs from the outside world,
 * injected by {@link LoaderComponent}.
 */
public final class LoaderServices {
    private static final class Defaults {
        static final LoaderServices INSTANCE = DaggerLoaderComponent.create().services();
    }

    private final Bpf bpf;
    private final AttachPlugins attachPlugins;
    private final Supplier<Btf> kernelBtf;
    private final PossibleCpus possibleCpus;
    private final KernelBtfs kernelBtfs;

    @Inject
    LoaderServices(Bpf bpf, AttachPlugins attachPlugins, Supplier<Btf> kernelBtf, PossibleCpus possibleCpus,
            KernelBtfs kernelBtfs) {
        this.bpf = bpf;
        this.attachPlugins = attachPlugins;
        this.kernelBtf = kernelBtf;
        this.possibleCpus = possibleCpus;
        this.kernelBtfs = kernelBtfs;
    }

    /** {@return the process-wide services, wired on first use} */
    public static LoaderServices defaults() {
        return Defaults.INSTANCE;
    }

    /** {@return the bpf(2) facade} */
    public Bpf bpf() {
        return bpf;
    }

    /** {@return the attach plugins} */
    public AttachPlugins attachPlugins() {
        return attachPlugins;
    }

    /** {@return the running kernel's BTF (parsed on first call)} */
    public Btf kernelBtf() {
        return kernelBtf.get();
    }

    /** {@return vmlinux's and the loaded modules' BTF (each parsed on first use)} */
    public KernelBtfs kernelBtfs() {
        return kernelBtfs;
    }

    /** {@return the number of possible CPUs, the slot count of per-CPU map values} */
    public int possibleCpus() {
        return possibleCpus.count();
    }
}
