package io.bpf4j.attach.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One USDT probe site of an executable or shared library, read from its {@code .note.stapsdt}
 * ({@link UsdtProbes#read}). A probe named once in the source may have several sites (inlined
 * or duplicated code): each is its own {@code UsdtProbe}.
 *
 * @param binary the file the probe is in
 * @param provider the provider ({@code STAP_PROBE(provider, name, ...)})
 * @param name the probe's name
 * @param address the probe instruction's virtual address in the file, after the
 *     {@code .stapsdt.base} adjustment (prelinked files)
 * @param fileOffset the probe instruction's file offset, where the uprobe goes
 * @param semaphoreAddress the virtual address of the probe's semaphore, 0 if it has none
 * @param semaphoreOffset the semaphore's file offset (the uprobe's reference counter), 0 if none
 * @param argumentText the note's argument text, e.g. {@code "-4@%edi 8@-8(%rbp)"}
 * @param arguments the arguments parsed from it
 * @param sharedObject whether the file is position independent ({@code ET_DYN}: a shared library
 *     or PIE executable), whose run-time addresses depend on where it is mapped
 */
public record UsdtProbe(Path binary, String provider, String name, long address, long fileOffset,
        long semaphoreAddress, long semaphoreOffset, String argumentText, List<UsdtArgument> arguments,
        boolean sharedObject) {

    /** Validates and copies the components. */
    public UsdtProbe {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentText, "argumentText");
        arguments = List.copyOf(arguments);
    }

    /** {@return whether the probe has a semaphore, which the kernel counts up while it is attached} */
    public boolean hasSemaphore() {
        return semaphoreAddress != 0;
    }

    /** {@return "provider:name" and the address, for messages} */
    public String describe() {
        return provider + ":" + name + " at 0x" + Long.toHexString(address) + " in " + binary;
    }
}
