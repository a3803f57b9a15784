package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import io.bpf4j.elf.ElfConstants;
import io.bpf4j.elf.ElfFile;
import io.bpf4j.elf.ElfFormatException;
import io.bpf4j.elf.ElfNote;
import io.bpf4j.elf.ElfSection;
import io.bpf4j.elf.ElfSegment;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the USDT probes of an executable or shared library: the {@code "stapsdt"} notes (type 3)
 * of {@code .note.stapsdt}, each a descriptor of three addresses (probe, {@code .stapsdt.base}
 * at link time, semaphore) followed by three NUL-terminated strings (provider, name,
 * arguments), as systemtap's {@code <sys/sdt.h>} lays them out.
 *
 * <p>The probe address is moved by the distance between {@code .stapsdt.base}'s address in the
 * file and the one the note recorded (prelink moves sections, not notes), and turned into a
 * file offset through the executable {@code PT_LOAD} segment holding it; the semaphore's
 * address into a file offset through whichever loadable segment holds it, as libbpf does.
 */
public final class UsdtProbes {

    static final String NOTE_SECTION = ".note.stapsdt";
    static final String BASE_SECTION = ".stapsdt.base";
    static final String NOTE_OWNER = "stapsdt";
    static final int NOTE_TYPE = 3;

    private UsdtProbes() {
    }

    /**
     * {@return every USDT probe site of {@code binary}, in note order; empty if it has none}
     *
     * @param binary an ELF64 executable or shared library
     * @throws AttachException naming the file (and the probe) if it cannot be read, is not ELF,
     *     or a note or argument is malformed
     */
    public static List<UsdtProbe> read(Path binary) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(binary);
        } catch (ElfFormatException e) {
            throw new AttachException("USDT binary " + binary + " is not a valid ELF file", e);
        } catch (UncheckedIOException e) {
            throw new AttachException("cannot read USDT binary " + binary, e);
        }
        Optional<ElfSection> notes = elf.section(NOTE_SECTION);
        if (notes.isEmpty()) {
            return List.of();
        }
        long base = elf.section(BASE_SECTION).map(ElfSection::address).orElse(0L);
        boolean shared = elf.type() == ElfConstants.ET_DYN;
        List<UsdtProbe> probes = new ArrayList<>();
        try {
            for (ElfNote note : elf.notes(notes.get())) {
                if (note.name().equals(NOTE_OWNER) && note.type() == NOTE_TYPE) {
                    probes.add(probe(elf, binary, note, base, shared));
                }
            }
        } catch (ElfFormatException e) {
            throw new AttachException("USDT notes of " + binary + " are malformed", e);
        }
        return List.copyOf(probes);
    }

    private static UsdtProbe probe(ElfFile elf, Path binary, ElfNote note, long base, boolean shared) {
        ByteBuffer desc = note.descriptor();
        String at = binary + " " + NOTE_SECTION + " offset " + note.offset();
        long location;
        long noteBase;
        long semaphore;
        String provider;
        String name;
        String args;
        try {
            location = desc.getLong();
            noteBase = desc.getLong();
            semaphore = desc.getLong();
            provider = string(desc, at);
            name = string(desc, at);
            args = desc.hasRemaining() ? string(desc, at) : "";
        } catch (BufferUnderflowException e) {
            throw new AttachException("USDT note at " + at + " is truncated (" + note.descriptorSize() + " bytes)");
        }
        long address = base != 0 && noteBase != 0 ? location + (base - noteBase) : location;
        String where = provider + ":" + name + " (" + at + ")";
        ElfSegment text = elf.loadSegmentOf(address).orElseThrow(() -> new AttachException("USDT probe " + where
                + " is at 0x" + Long.toHexString(address) + ", outside every loadable segment"));
        if (!text.isExecutable()) {
            throw new AttachException("USDT probe " + where + " is at 0x" + Long.toHexString(address)
                    + ", in a segment that is not executable");
        }
        long fileOffset = address - text.virtualAddress() + text.offset();
        long semaphoreOffset = 0;
        if (semaphore != 0) {
            semaphoreOffset = elf.fileOffsetOf(semaphore).orElseThrow(() -> new AttachException("USDT probe " + where
                    + " has its semaphore at 0x" + Long.toHexString(semaphore) + ", outside every loadable segment"));
        }
        List<UsdtArgument> arguments = UsdtArgumentParser.parse(args, where);
        return new UsdtProbe(binary, provider, name, address, fileOffset, semaphore, semaphoreOffset, args,
                arguments, shared);
    }

    private static String string(ByteBuffer desc, String at) {
        int start = desc.position();
        while (desc.hasRemaining()) {
            if (desc.get() == 0) {
                byte[] bytes = new byte[desc.position() - 1 - start];
                desc.get(start, bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        throw new AttachException("USDT note at " + at + ": a string is not NUL-terminated");
    }
}
